import Foundation
import HummingbirdBcrypt
import Logging
import NIOPosix
import ReelCore
import ReelStore

/// bcrypt password hashing, run on NIO's blocking thread pool so a slow hash never stalls
/// the cooperative executor that serves requests.
struct PasswordHasher: Sendable {
    /// Work factor (2^cost rounds).
    let cost: UInt8

    /// Hashes a password.
    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Checks a password against a stored hash.
    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
