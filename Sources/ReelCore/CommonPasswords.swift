import Foundation

/// Passwords too common to protect an account, refused at sign-up (NIST SP 800-63B §3.1.1.2:
/// compare new passwords against values known to be commonly used or compromised).
///
/// Written from the most frequent entries of well-known public lists: SecLists'
/// `Passwords/Common-Credentials/10-million-password-list-top-1000.txt` (Daniel Miessler, MIT licence)
/// and the UK NCSC's "PwnedPasswordsTop100k" analysis of breached passwords. Only entries of at least
/// ``AccountRules/minimumPasswordLength`` bytes are kept (shorter ones fail the length rule anyway),
/// plus a few that name this service. A modest list, not a verbatim copy of either source; all
/// entries are lower-case and compared case-insensitively.
enum CommonPasswords {
    /// The blocked passwords, lower-case.
    static let all: Set<String> = [
        // Digits and keyboard walks.
        "12345678", "123456789", "1234567890", "12345678910", "0123456789", "123123123", "123321123",
        "11111111", "111111111", "1111111111", "00000000", "000000000", "0000000000", "22222222",
        "55555555", "66666666", "77777777", "88888888", "99999999", "12341234", "11223344", "12121212",
        "12344321", "87654321", "987654321", "9876543210", "147258369", "741852963", "963852741",
        "123654789", "147852369", "789456123", "159753123", "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y",
        "q1w2e3r4", "q1w2e3r4t5", "q1w2e3r4t5y6", "1qaz2wsx", "1qazxsw2", "zaq12wsx", "zaq1zaq1",
        "zaq1xsw2", "12qwaszx", "qazwsxedc", "qazwsx123", "qweasdzxc", "qwertyui", "qwertyuiop",
        "qwerty12", "qwerty123", "qwerty1234", "qwerty12345", "123qwerty", "123456qwerty", "12345qwert",
        "qwer1234", "1234qwer", "qwer4321", "qwerqwer", "qweqweqwe", "asdfghjk", "asdfghjkl",
        "asdf1234", "asdfasdf", "asdasdasd", "zxcvbnm1", "zxcvbnm123", "zxczxczxc", "abcd1234",
        "1234abcd", "abc12345", "abc123456", "abcdefgh", "abcdefg1", "a1b2c3d4", "1a2b3c4d",
        "aa123456", "a1234567", "a12345678", "a123456789", "12345678a", "123456789a", "q123456789",
        "123456789q", "aaaaaaaa", "zzzzzzzz", "qqqqqqqq", "asdfqwer", "1234567a", "1234567q",
        // Words and phrases.
        "password", "password1", "password12", "password123", "password1234", "password!", "passw0rd",
        "p@ssw0rd", "p@ssword", "pa55word", "pass1234", "passpass", "mypassword", "newpassword",
        "iloveyou", "iloveyou1", "iloveyou2", "iloveyou!", "loveyou1", "lovelove", "sunshine",
        "sunshine1", "princess", "princess1", "football", "football1", "baseball", "baseball1",
        "basketball", "superman", "superman1", "spiderman", "batman123", "trustno1", "whatever",
        "starwars", "starwars1", "computer", "computer1", "internet", "michelle", "jennifer",
        "jordan23", "michael1", "charlie1", "midnight", "corvette", "mercedes", "danielle", "jessica1",
        "letmein1", "letmein123", "welcome1", "welcome123", "welcome!", "changeme", "changeme1",
        "administrator", "admin123", "admin1234", "root1234", "master123", "blink182", "chocolate",
        "butterfly", "elephant", "liverpool", "chelsea1", "arsenal1", "manchester", "barcelona",
        "maverick", "samantha", "victoria", "alexander", "jonathan", "benjamin", "nicholas",
        "christian", "patricia", "precious", "babygirl", "babygirl1", "sweetheart", "beautiful",
        "christmas", "sunflower", "hello123", "hello1234", "helloworld", "freedom1", "monkey123",
        "shadow123", "dragon123", "football123", "qwertyqwerty", "secret123", "access14", "mustang1",
        "thunder1", "diamond1", "forever1", "pokemon1", "pokemon123", "minecraft", "fortnite",
        "playstation", "nintendo", "matrix123", "summer2024", "summer2025", "summer2026",
        "winter2025", "spring2026", "january1", "1234567890q", "iloveyou123", "unknown1",
        "superstar", "rockyou1", "asdfghjkl1", "zxcvbnmasdfghjkl", "qwertyuiop123", "password01",
        "correcthorsebatterystaple", "correct horse battery staple", "letmeinplease", "opensesame",
        // This service.
        "reelreel", "reel1234", "reel12345", "reelpassword", "reelvideo", "reelvideos",
    ]

    /// Whether `password` is a blocked password in disguise: the check a guesser's rules would undo.
    ///
    /// Tried forms, each compared case-insensitively with ``all``: the password trimmed of surrounding
    /// whitespace; that form with trailing digits and symbols stripped (`password1!`); either of those with
    /// common leetspeak undone (`0→o 1→i|l 3→e 4→a 5→s 7→t @→a $→s`, so `Passw0rd!`); and for each, the
    /// repeated unit of a word typed two or more times (`passwordpassword`). These are the mangling
    /// rules password crackers apply first (NIST SP 800-63B §3.1.1.2 asks for a check against commonly
    /// used values, which include such variants).
    /// - Complexity: O(n) in the password's length; a fixed number of forms.
    static func isCommon(_ password: String) -> Bool {
        let trimmed = password.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        var forms: Set<String> = []
        for base in [trimmed, strippingTrailingNonLetters(trimmed)] where !base.isEmpty {
            for form in [base] + leetspeakReadings(of: base) {
                forms.insert(form)
                forms.insert(strippingTrailingNonLetters(form))
            }
        }
        return forms.contains { !$0.isEmpty && (all.contains($0) || all.contains(repeatedUnit(of: $0))) }
    }

    /// Leetspeak substitutions undone; `1` is read both as `i` and as `l`.
    private static func leetspeakReadings(of text: String) -> [String] {
        let common: [Character: Character] = ["0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"]
        return ["i", "l"].map { one in
            String(text.map { $0 == "1" ? one : (common[$0] ?? $0) })
        }
    }

    /// `text` without the digits, symbols and spaces at its end.
    private static func strippingTrailingNonLetters(_ text: String) -> String {
        String(text.reversed().drop(while: { !$0.isLetter }).reversed())
    }

    /// The shortest unit that `text` repeats two or more times (`abcabc` → `abc`), or `text` itself.
    private static func repeatedUnit(of text: String) -> String {
        let characters = Array(text)
        for length in 1...max(1, characters.count / 2) where characters.count % length == 0 && length < characters.count {
            let unit = characters[..<length]
            if stride(from: length, to: characters.count, by: length).allSatisfy({ characters[$0..<$0 + length] == unit }) {
                return String(unit)
            }
        }
        return text
    }
}
