import Foundation
import ReelCore

extension ReelError {
    /// Turns a failure to decode a JSON request body into a client error whose message names the
    /// field and what it must hold, in the words of JSON (a string, a whole number, a list…), never a
    /// Swift type name: 422 `validation_failed` for a missing field, a wrong type, a value a field does
    /// not take or a number that does not fit a whole-number field; 400 `invalid_json` for a body that
    /// is not JSON at all. A decoder of Reel's own that throws a description starting with
    /// ``ownDescriptionPrefix`` has it shown after the field's name.
    ///
    /// A number that does not fit a whole-number field (`1.5`, `1e30`) is reported by Foundation's
    /// decoder as "not valid JSON" with no field; given the `body` and a way to `redecode` it, the
    /// field is found: the body is parsed again, every number that is not a 64-bit whole number is a
    /// suspect, and the first suspect that still breaks the decoding with every other suspect made 0
    /// is named.
    /// - Parameters:
    ///   - body: the request body, when the caller has it.
    ///   - redecode: decodes a body as the failed call did (throws when it fails).
    init(decoding error: DecodingError, body: Data? = nil, redecode: ((Data) throws -> Void)? = nil) {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            if let body, let field = Self.unfittingNumber(in: body, redecode: redecode) {
                self = .invalid(field.isFractional ? "The field `\(field.path)` must be a whole number."
                                                   : "The field `\(field.path)` is too \(field.isNegative ? "far below zero" : "large").")
            } else {
                self = .badRequest("Request body is not valid JSON.", code: "invalid_json")
            }
        case .dataCorrupted(let context) where context.debugDescription.hasPrefix(Self.ownDescriptionPrefix):
            // Reel's own decoders (IDs, times) say what the field must be, in words that follow its name.
            self = .invalid("The field `\(Self.path(context.codingPath))` \(context.debugDescription).")
        case .dataCorrupted(let context):
            self = .invalid("The field `\(Self.path(context.codingPath))` has a value it does not take; /openapi.yaml lists what it takes.")
        case .keyNotFound(let key, let context):
            self = .invalid("The field `\(Self.path(context.codingPath + [key]))` is required.")
        case .typeMismatch(let type, let context) where context.codingPath.isEmpty:
            self = .invalid("The request body must be \(Self.expected(type) ?? "a JSON object").")
        case .typeMismatch(let type, let context):
            let field = Self.path(context.codingPath)
            self = .invalid(Self.expected(type).map { "The field `\(field)` must be \($0)." }
                            ?? "The field `\(field)` has the wrong type; /openapi.yaml gives its type.")
        case .valueNotFound(_, let context) where context.codingPath.isEmpty:
            // A JSON `null` body: "body" may also be the name of a real field, so never call it a field.
            self = .invalid("The request body must be a JSON object, not null.")
        case .valueNotFound(let type, let context):
            let field = Self.path(context.codingPath)
            self = .invalid(Self.expected(type).map { "The field `\(field)` must be \($0), not null." } ?? "The field `\(field)` must not be null.")
        @unknown default:
            self = .badRequest("Request body could not be decoded.", code: "invalid_json")
        }
    }

    /// How the debug description of a decoding error thrown by Reel's own `init(from:)` begins
    /// ("must be an RFC 3339 time …"): such a description is shown after the field's name. Foundation's
    /// own descriptions name Swift types and are never shown.
    static let ownDescriptionPrefix = "must be "

    /// A coding path as a client writes it: `items[0].name`; the whole body when empty.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == String(index) {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "body" : text
    }

    /// What a value of `type` is in JSON, or nil for a type JSON has no plain word for.
    private static func expected(_ type: Any.Type) -> String? {
        switch type {
        case is String.Type, is Substring.Type, is Character.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int8.Type, is Int16.Type, is Int32.Type, is Int64.Type,
             is UInt.Type, is UInt8.Type, is UInt16.Type, is UInt32.Type, is UInt64.Type: "a whole number"
        case is Double.Type, is Float.Type, is Decimal.Type: "a number"
        case is [Any].Type: "a list (a JSON array)"
        case is [String: Any].Type: "an object"
        default: nil
        }
    }

    /// A number in a JSON body that no 64-bit whole-number field can hold.
    private struct UnfittingNumber {
        var path: String
        var isFractional: Bool
        /// Below zero (too far below, when not fractional).
        var isNegative: Bool
        /// Where it is, to replace it when several are suspects.
        var keys: [JSONKey]
    }

    private enum JSONKey {
        case member(String)
        case index(Int)
    }

    /// The number in `body` that made the decoding fail, if the body is JSON and holds one.
    /// - Complexity: O(n · s) for a body of n bytes with s suspect numbers (only on a failed request).
    private static func unfittingNumber(in body: Data, redecode: ((Data) throws -> Void)?) -> UnfittingNumber? {
        guard let root = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else { return nil }
        var suspects: [UnfittingNumber] = []
        collect(root, keys: [], into: &suspects)
        guard suspects.count > 1, let redecode else { return suspects.first }
        // A field that may hold fractions (a Double) is a suspect too: keep one suspect at a time with
        // the others made 0, and name the first that still breaks the decoding on its own.
        return suspects.first { suspect in
            let others = suspects.filter { $0.path != suspect.path }
            let alone = others.reduce(root) { body, other in replacing(other.keys[...], in: body) }
            guard let changed = try? JSONSerialization.data(withJSONObject: alone, options: [.fragmentsAllowed]) else { return false }
            do { try redecode(changed) } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
                return true
            } catch {}
            return false
        } ?? suspects.first
    }

    private static func collect(_ value: Any, keys: [JSONKey], into suspects: inout [UnfittingNumber]) {
        switch value {
        case let object as [String: Any]:
            for (key, member) in object.sorted(by: { $0.key < $1.key }) { collect(member, keys: keys + [.member(key)], into: &suspects) }
        case let array as [Any]:
            for (index, element) in array.enumerated() { collect(element, keys: keys + [.index(index)], into: &suspects) }
        case is Bool, is String:
            return
        default:
            guard let double = (value as? NSNumber)?.doubleValue ?? (value as? Double) else { return }
            let isFractional = double.rounded(.towardZero) != double
            guard isFractional || Int64(exactly: double) == nil else { return }
            let path = keys.reduce(into: "") { text, key in
                switch key {
                case .member(let name): text += text.isEmpty ? name : ".\(name)"
                case .index(let index): text += "[\(index)]"
                }
            }
            suspects.append(UnfittingNumber(path: path.isEmpty ? "body" : path, isFractional: isFractional, isNegative: double < 0, keys: keys))
        }
    }

    /// `root` with the value at `keys` replaced by 0.
    private static func replacing(_ keys: ArraySlice<JSONKey>, in root: Any) -> Any {
        guard let key = keys.first else { return 0 }
        switch (key, root) {
        case (.member(let name), var object as [String: Any]):
            object[name] = object[name].map { replacing(keys.dropFirst(), in: $0) }
            return object
        case (.index(let index), var array as [Any]) where array.indices.contains(index):
            array[index] = replacing(keys.dropFirst(), in: array[index])
            return array
        default:
            return root
        }
    }
}
