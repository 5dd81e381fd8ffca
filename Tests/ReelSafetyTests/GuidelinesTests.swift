import Foundation
import ReelCore
import ReelSafety
import Testing

/// Guidelines documents and the queue's priority, without a server.
@Suite struct GuidelinesTests {
    @Test("rules are headings that start with the region's rule ID; the version is a date")
    func parse() throws {
        let guidelines = try Guidelines.parse("# Rules\n\n## eu-hate-1: Hateful conduct\nText.\n### eu-hate-2: Slurs\n## Not a rule: here\n",
                                              region: "eu", version: "2026-11-01")
        #expect(guidelines.rules == [.init(id: "eu-hate-1", title: "Hateful conduct"), .init(id: "eu-hate-2", title: "Slurs")])
        #expect(guidelines.rule("eu-hate-2")?.title == "Slurs" && guidelines.rule("us-hate-1") == nil)
        #expect(guidelines.publishedAt == Date(timeIntervalSince1970: 1_793_491_200))
    }

    @Test("a version that is not a date, another region's rule, a repeated rule and a document without rules are refused",
          arguments: [("## eu-a-1: A", "1.0"), ("## us-a-1: A", "2026-11-01"), ("## eu-a-1: A\n## eu-a-1: B", "2026-11-01"),
                      ("# Just text", "2026-11-01"), ("## eu-a-1: A", "2026-02-30")])
    func refused(markdown: String, version: String) {
        #expect(throws: ReelError.self) { try Guidelines.parse(markdown, region: "eu", version: version) }
    }

    @Test("every region's shipped guidelines parse and have a rule for every report category's topic")
    func shipped() throws {
        for region: RegionCode in ["us", "eu", "global"] {
            let guidelines = try Guidelines.parse(ShippedGuidelines.markdown(for: region, name: region.rawValue), region: region,
                                                  version: ShippedGuidelines.version)
            #expect(guidelines.rules.count == 11)
        }
    }

    @Test("priority: severity dominates; within a severity, more reports and a wider reach come first")
    func priority() {
        let hateOnce = CasePriority.priority(severity: 3, reportCount: 1, reach: 0)
        let spamBrigade = CasePriority.priority(severity: 2, reportCount: 500, reach: 100_000)
        #expect(hateOnce > spamBrigade)
        #expect(CasePriority.priority(severity: 2, reportCount: 1_000_000, reach: 1_000_000_000) < hateOnce, "the second term never reaches a step of severity")
        #expect(CasePriority.priority(severity: 3, reportCount: 3, reach: 0) > hateOnce)
        #expect(CasePriority.priority(severity: 3, reportCount: 1, reach: 50) > hateOnce)
        #expect(CasePriority.priority(severity: 3, reportCount: 1, reach: 50) < CasePriority.priority(severity: 3, reportCount: 1, reach: 500))
    }
}
