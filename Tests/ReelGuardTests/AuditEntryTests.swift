import Foundation
import ReelCore
import ReelGuard
import Testing

@Suite struct AuditEntryTests {
    static let entry = AuditEntry(kind: .gateDecision, time: Date(timeIntervalSince1970: 1_796_000_000.123), region: "eu",
                                  principal: .init(kind: .staff, role: "support", jurisdiction: "us"), purpose: "support-ticket",
                                  justification: "ticket T-1/2", decision: .denied,
                                  subject: SubjectCommitment.commitment(userID: "123", nonce: Array(repeating: 7, count: 32)))

    @Test func theCanonicalFormIsSortedCompactAndRoundTrips() throws {
        let bytes = try Self.entry.canonicalBytes()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"decision":"denied","justification":"ticket T-1/2","kind":"gateDecision","principal":{"jurisdiction":"us","kind":"staff","role":"support"}"#))
        #expect(text.contains(#""time":"2026-11-30T"#))
        #expect(!text.contains(" \""))
        #expect(try AuditEntry.decodeCanonical(bytes) == Self.entry)
        let spaced = Array(text.replacingOccurrences(of: ",", with: ", ").utf8)
        #expect(throws: AuditEntryError.self) { try AuditEntry.decodeCanonical(spaced) }
    }

    @Test func aCommitmentOpensOnlyWithTheRightIDAndNonce() {
        let nonce = SubjectCommitment.makeNonce()
        let commitment = SubjectCommitment.commitment(userID: "4242", nonce: nonce)
        #expect(SubjectCommitment.isWellFormed(commitment))
        // The ID alone does not give the commitment (a guessed ID can't be tested without the nonce).
        // (Not "the hex has no 4242 in it": a random digest holds those four digits about once in a thousand.)
        #expect(commitment != SubjectCommitment.commitment(userID: "4242", nonce: SubjectCommitment.makeNonce()))
        #expect(SubjectCommitment.opens(commitment, userID: "4242", nonce: nonce))
        #expect(!SubjectCommitment.opens(commitment, userID: "4243", nonce: nonce))
        #expect(!SubjectCommitment.opens(commitment, userID: "4242", nonce: SubjectCommitment.makeNonce()))
    }

    @Test func entriesWithoutAPurposeOrAnswerAreRefused() {
        var entry = Self.entry
        entry.justification = "  "
        #expect(throws: AuditEntryError.self) { try entry.validate() }
        entry = Self.entry
        entry.decision = nil
        #expect(throws: AuditEntryError.self) { try entry.validate() }
        entry = Self.entry
        entry.subject = "user 123"
        #expect(throws: AuditEntryError.self) { try entry.validate() }
    }
}
