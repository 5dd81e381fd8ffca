import Foundation
import ReelCore
import ReelGuard
import Testing

/// The declarative per-region policy: deny by default, rules by principal, role, jurisdiction, purpose, resource.
@Suite struct AccessPolicyTests {
    let eu = AccessPolicy.shippedDefault(for: "eu")

    func request(_ kind: AuditPrincipal.Kind, _ role: String, _ jurisdiction: RegionCode, _ purpose: String,
                 _ resource: String, justification: String = "TICKET-1") -> AccessRequest {
        AccessRequest(principal: AuditPrincipal(kind: kind, role: role, jurisdiction: jurisdiction),
                      purpose: purpose, resource: resource, justification: justification)
    }

    @Test func supportStaffOfTheRegionMayReadAccountsForATicket() {
        let verdict = eu.evaluate(request(.staff, "support", "eu", "support-ticket", "account.protectedFields"))
        #expect(verdict.allowed)
        #expect(verdict.rule == "support-staff")
    }

    @Test func staffNeedAJustification() {
        #expect(!eu.evaluate(request(.staff, "support", "eu", "support-ticket", "account.protectedFields", justification: "  ")).allowed)
    }

    @Test func anythingNoRuleNamesIsDenied() {
        #expect(!eu.evaluate(request(.staff, "engineer", "eu", "support-ticket", "account.protectedFields")).allowed)
        #expect(!eu.evaluate(request(.staff, "support", "eu", "curiosity", "account.protectedFields")).allowed)
        #expect(!eu.evaluate(request(.service, "recommender", "eu", "recommendation", "account.protectedFields")).allowed)
        #expect(!AccessPolicy(region: "eu", rules: []).evaluate(request(.service, "export", "eu", "export", "account.email")).allowed)
    }

    @Test func anotherRegionsStaffAreDeniedUnlessARuleNamesTheirRegion() {
        let usStaff = request(.staff, "support", "us", "support-ticket", "account.protectedFields")
        let denied = eu.evaluate(usStaff)
        #expect(!denied.allowed)
        #expect(denied.reason.contains("region us"))
        var open = eu
        open.rules[5].jurisdictions = ["eu", "us"]
        #expect(open.evaluate(usStaff).allowed)
    }

    @Test func servicesReadOnlyWhatTheirPurposeNeeds() {
        #expect(eu.evaluate(request(.service, "recommender", "eu", "recommendation", "behaviour.events", justification: "")).allowed)
        #expect(eu.evaluate(request(.service, "export", "eu", "export", "account.protectedFields", justification: "")).allowed)
        #expect(!eu.evaluate(request(.service, "export", "eu", "recommendation", "behaviour.events", justification: "")).allowed)
    }

    @Test func theShippedDefaultRoundTripsThroughItsFile() throws {
        #expect(try AccessPolicy.decode(try eu.encoded(), for: "eu") == eu)
    }

    @Test func malformedFilesAreRefusedWithASentence() {
        #expect(throws: AccessPolicyError.self) { try AccessPolicy.decode(Data("{".utf8), for: "eu") }
        #expect(throws: AccessPolicyError.self) { try AccessPolicy.decode(try AccessPolicy.shippedDefault(for: "us").encoded(), for: "eu") }
        let noPurpose = #"{"version":1,"region":"eu","rules":[{"name":"x","principal":"staff","purposes":[],"resources":["*"]}]}"#
        #expect(throws: AccessPolicyError.self) { try AccessPolicy.decode(Data(noPurpose.utf8), for: "eu") }
    }
}
