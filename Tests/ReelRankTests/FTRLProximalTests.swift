import ReelRank
import Testing

@Suite("FTRL-Proximal online ranker")
struct FTRLProximalTests {
    @Test("learns which indicator predicts the label, online, and keeps unused weights at zero")
    func learnsSeparableSignal() {
        var model = FTRLProximal(heads: 1, alpha: 0.2, beta: 1, l1: 0.5, l2: 1)
        let good = Feature(kind: .hashtag, argument: 1), bad = Feature(kind: .hashtag, argument: 2)
        for _ in 0 ..< 300 {
            model.update([good], head: 0, label: true)
            model.update([bad], head: 0, label: false)
        }
        #expect(model.predict([good], head: 0) > 0.85)
        #expect(model.predict([bad], head: 0) < 0.15)
        #expect(model.weight(Feature(kind: .hashtag, argument: 3).key, head: 0) == 0)
        #expect(model.topWeights(head: 0, limit: 1).count == 1)
    }
}
