import Foundation
@testable import ReelCore
import Testing

/// The password blocklist and the avatar URL rule, as pure functions.
@Suite("Password and avatar rules")
struct PasswordRulesTests {
    @Test("every blocked password could pass the length rule and is stored lower-case")
    func listIsUsable() {
        #expect(CommonPasswords.all.count >= 200)
        for password in CommonPasswords.all {
            #expect(password.utf8.count >= AccountRules.minimumPasswordLength, "\(password) is refused by length anyway")
            #expect(password == password.lowercased(), "\(password) would never match")
        }
    }

    @Test("common passwords are refused in any case; a handle or local part is refused when contained", arguments: [
        ("iloveyou", nil, nil, false), ("ILoveYou", nil, nil, false), ("qwertyuiop", nil, nil, false),
        ("sunny_day_walker", "Sunny_Day", nil, false), ("x-maria.lopez-x", nil, "Maria.Lopez@example.com", false),
        ("ab-is-short-but-fine", "ab_", "ab@example.com", true), ("zz", nil, nil, false),
        ("a perfectly fine passphrase", "walker", "maria@example.com", true),
    ] as [(String, String?, String?, Bool)])
    func passwords(password: String, handle: String?, email: String?, isAccepted: Bool) {
        let accepted = (try? AccountRules.checkPassword(password, handle: handle, email: email)) != nil
        #expect(accepted == isAccepted, "\(password)")
    }

    @Test("disguised common passwords are refused: padding, spaces only, trailing digits and symbols, leetspeak, repetition", arguments: [
        "        ", "password ", " password", "passwordpassword", "Passw0rd!", "password1!", "P@$$w0rd", "iloveyou2026",
        "1l0v3y0u", "Sunshine!!", "qwertyuiopqwertyuiop",
    ])
    func disguisedCommonPasswords(password: String) throws {
        let error = try #require(throws: ReelError.self) { try AccountRules.checkPassword(password) }
        #expect(error.code == "weak_password")
        #expect(error.message.first?.isUppercase == true && error.message.hasSuffix("."), "\(error.message)")
    }

    @Test("passwords that only look like blocked ones in part are accepted", arguments: [
        "password manager rocks", "correct-horse-7-staple", "12345678x-quiet-river", "s0mething-0riginal!",
    ])
    func originalPasswordsAccepted(password: String) {
        #expect((try? AccountRules.checkPassword(password)) != nil, "\(password)")
    }

    @Test("avatar URLs: https with a host or a single-slash path; nothing scheme-relative or backslashed", arguments: [
        ("https://cdn.example.com/a.png", true), ("HTTPS://cdn.example.com/a.png", true), ("/media/a.png", true),
        ("//cdn.example.com/a.png", false), ("/\\cdn.example.com/a.png", false), ("https://cdn.example.com\\a.png", false),
        ("http://cdn.example.com/a.png", false), ("https://", false), ("", false), ("a.png", false),
        ("/a\u{0}.png", false), (String(repeating: "/a", count: 300), false),
        ("https://user:pass@evil.com/x.png", false), ("https://user@evil.com/x.png", false),
        ("https://evil.com/x.png\"><script>", false), ("https://evil.com/x.png'", false), ("/a<b>.png", false),
        ("/%0d%0aSet-Cookie:x=1", false), ("/a%00.png", false), ("/a%7F.png", false),
        ("/media/caf%C3%A9.png", true), ("https://cdn.example.com/a.png?size=2%20x", true), ("/media/@me.png", true),
    ])
    func avatars(url: String, isAccepted: Bool) {
        #expect(((try? AccountRules.validAvatarURL(url)) != nil) == isAccepted, "\(url)")
    }
}
