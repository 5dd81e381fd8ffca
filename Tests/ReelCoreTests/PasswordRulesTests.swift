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

    @Test("avatar URLs: https with a host or a single-slash path; nothing scheme-relative or backslashed", arguments: [
        ("https://cdn.example.com/a.png", true), ("HTTPS://cdn.example.com/a.png", true), ("/media/a.png", true),
        ("//cdn.example.com/a.png", false), ("/\\cdn.example.com/a.png", false), ("https://cdn.example.com\\a.png", false),
        ("http://cdn.example.com/a.png", false), ("https://", false), ("", false), ("a.png", false),
        ("/a\u{0}.png", false), (String(repeating: "/a", count: 300), false),
    ])
    func avatars(url: String, isAccepted: Bool) {
        #expect(((try? AccountRules.validAvatarURL(url)) != nil) == isAccepted, "\(url)")
    }
}
