import ReelCore
import ReelSafety
import Testing

@Suite("Moderation vocabulary")
struct ModerationVocabularyTests {
    @Test("only notices of illegal content may be anonymous, and they rank among the most severe")
    func anonymousOnlyForIllegalContent() {
        let anonymous = ReportCategory.allCases.filter(\.allowsAnonymousReport)
        #expect(Set(anonymous) == [.illegalContent, .childSafety, .violentExtremism])
        #expect(anonymous.allSatisfy { $0.severity >= 4 })
        #expect(ReportCategory.spam.severity < ReportCategory.hate.severity)
    }

    @Test("every action applies to the kind of thing it restricts; only dismissal restricts nothing")
    func actionsApplyToTheirTargets() {
        #expect(ModerationActionKind.removeComment.appliesTo == [.comment])
        #expect(ModerationActionKind.suspend.appliesTo == [.account])
        #expect(ModerationActionKind.labelUnverified.appliesTo == [.video])
        #expect(ModerationActionKind.allCases.filter { !$0.isRestriction } == [.dismiss])
    }
}
