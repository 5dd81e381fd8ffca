/// The Unicode bidirectional embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069; UAX #9 §2): invisible characters that reorder the text after them, so
/// "\u{202E}evil" shows as "live" and can disguise a name or a link. Text a person writes for others
/// (display name, bio, comment) must not hold them.
public enum BidiControls {
    /// Whether `scalar` is one of the controls.
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// Refuses `text` when it holds one of the controls.
    /// - Complexity: O(n) for n Unicode scalars.
    /// - Throws: ``ReelError`` 422 `validation_failed` naming `field`.
    public static func refuse(in text: String, field: String) throws {
        guard text.unicodeScalars.contains(where: contains) else { return }
        throw ReelError.invalid("The field `\(field)` must not contain bidirectional override or isolate controls (U+202A–U+202E, U+2066–U+2069).")
    }
}
