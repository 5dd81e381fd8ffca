import Foundation
import ReelCore
import ReelPKCS11
import Testing
@testable import ReelCustodian

/// The token itself, opened in this process (only tests and the custodian ever do that).
@Suite struct CustodianTokenTests {
    @Test func theKeyEncryptionKeyCannotBeReadOutOfTheToken() throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let token = try CustodianToken(dataDirectory: root, region: "us", modulePath: SoftHSM.modulePath)
        try token.generateKeyEncryptionKey(version: 1)
        let key = Array(repeating: UInt8(9), count: 32)
        let nonce = try token.randomBytes(12)
        let wrapped = try token.wrap(key, version: 1, nonce: nonce, additionalData: Array("reel-data-key-v1|us|dk-1".utf8))
        #expect(try token.unwrap(wrapped, version: 1, nonce: nonce, additionalData: Array("reel-data-key-v1|us|dk-1".utf8)) == key)
        do {
            _ = try token.unwrap(wrapped, version: 1, nonce: nonce, additionalData: Array("reel-data-key-v1|eu|dk-1".utf8))
            Issue.record("A wrapped key opened under another region's additional data.")
        } catch let error as PKCS11Error {
            #expect(error.isEncryptedDataInvalid)
        }
        do {
            _ = try token.attemptToReadKeyEncryptionKey(version: 1)
            Issue.record("The token revealed the key-encryption key.")
        } catch let error as PKCS11Error {
            #expect(error.isAttributeSensitive)
        }
        #expect(token.publicKey.count == 32)
    }
}
