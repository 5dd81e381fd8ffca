import Crypto
import Foundation
import Logging
import ReelCore
import ReelStore

/// Issues and checks bearer tokens: `rl1.<payload>.<HMAC-SHA256>` in base64url, where the
/// payload names the session, the user and the expiry. A valid signature proves the token was
/// ours; the session row (in the user's home region) says whether it was revoked. Staff tokens
/// have the prefix `rs1` instead (``staff``), so neither kind is accepted as the other.
struct TokenSigner: Sendable {
    private let key: SymmetricKey
    /// The token's first part: `rl1` for users, `rs1` for staff.
    let prefix: String

    /// Creates a signer from secret bytes (at least 32).
    init(secret: Data) {
        key = SymmetricKey(data: secret)
        prefix = "rl1"
    }

    private init(key: SymmetricKey, prefix: String) {
        self.key = key
        self.prefix = prefix
    }

    /// The signer of staff tokens: the same key, the prefix `rs1`.
    var staff: TokenSigner { TokenSigner(key: key, prefix: "rs1") }

    /// Loads the secret from configuration, or from `<dataDirectory>/token.key`, creating it once.
    static func load(configuration: ReelConfiguration) throws -> TokenSigner {
        if let secret = configuration.tokenSecret {
            guard secret.utf8.count >= 32 else { throw ReelError.invalidConfig("REEL_TOKEN_SECRET must be at least 32 bytes") }
            return TokenSigner(secret: Data(secret.utf8))
        }
        let url = configuration.dataDirectory.appendingPathComponent("token.key")
        if let existing = try? Data(contentsOf: url), existing.count >= 32 { return TokenSigner(secret: existing) }
        try FileManager.default.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        try secret.write(to: url, options: [.atomic])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return TokenSigner(secret: secret)
    }

    /// The token for a session.
    func token(for session: Session) -> String {
        var payload = Data()
        for value in [session.id.rawValue, session.userID.rawValue, UInt64(max(0, session.expiresAt.timeIntervalSince1970))] {
            withUnsafeBytes(of: value.bigEndian) { payload.append(contentsOf: $0) }
        }
        let mac = Data(HMAC<SHA256>.authenticationCode(for: payload, using: key))
        return prefix + "." + payload.base64URLEncoded() + "." + mac.base64URLEncoded()
    }

    /// What a well-signed token claims.
    struct Claims: Equatable {
        var sessionID: ReelID
        var userID: ReelID
        var expiresAt: Date
    }

    /// Checks the signature and expiry of a token.
    /// - Throws: ``ReelError`` 401 `invalid_token` or `token_expired`.
    func verify(_ token: String, now: Date) throws -> Claims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == prefix, let payload = Data(base64URLEncoded: parts[1]),
              let mac = Data(base64URLEncoded: parts[2]), payload.count == 24,
              HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key) else {
            throw ReelError.unauthorized("The bearer token is not valid; sign in again.", code: "invalid_token")
        }
        let values = stride(from: 0, to: 24, by: 8).map { offset in
            payload[payload.startIndex + offset ..< payload.startIndex + offset + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        let claims = Claims(sessionID: ReelID(rawValue: values[0]), userID: ReelID(rawValue: values[1]),
                            expiresAt: Date(timeIntervalSince1970: Double(values[2])))
        guard claims.expiresAt > now else { throw ReelError.unauthorized("The bearer token has expired; sign in again.", code: "token_expired") }
        return claims
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5).
    func base64URLEncoded() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url with or without padding; nil if malformed.
    init?(base64URLEncoded text: some StringProtocol) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}
