import Foundation
import Testing

@testable import ReelRank

@Suite("EvaluationRun (what reel eval prints)")
struct EvaluationRunTests {
    @Test("peers are tuned on validation, every recommender is reported on validation and test, protocol named")
    func wholeRun() throws {
        var world = SyntheticWorld(seed: 3, users: 60, videos: 120, creators: 20, start: Fixtures.start)
        let log = SyntheticWorld.interactions(from: world.simulate(sessions: 1500, from: Fixtures.start, duration: 7 * 86_400))
        let run = EvaluationRun(timeSplit: TimeSplit(trainFraction: 0.8, positiveThreshold: 1, protocol: .standard), cutoffs: [10, 20])
        let result = run.run(log)
        #expect(result.tuning.map(\.label) == ["trending (window or half-life)", "item-knn (neighbours)"])
        for family in result.tuning {
            #expect(family.report.rows.contains { $0.recommender == family.chosen })
        }
        let names = Set(result.test.rows.map(\.recommender))
        #expect(names.isSuperset(of: ["popularity", "trending-7d", "heuristic", "reel"]))
        #expect(names.contains(result.tuning[1].chosen), "the tuned item-kNN is the one tested")
        #expect(Set(result.validation.rows.map(\.recommender)) == names)
        #expect(result.test.dataset.evaluationProtocol == .standard)
        #expect(result.validation.dataset.events == result.test.dataset.trainEvents, "validation is cut from the training period")
        let markdown = result.markdown()
        #expect(markdown.contains("Peer tuning on the validation split") && markdown.contains("standard protocol"))
        #expect(try JSONDecoder().decode(EvaluationRun.Result.self, from: Data(result.json.utf8)) == result)
    }
}
