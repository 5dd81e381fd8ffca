import CPKCS11

/// One attribute of a PKCS#11 object template (type and encoded value, v2.40 §4.1 "CK_ATTRIBUTE").
public struct PKCS11Attribute: Sendable {
    /// The `CKA_…` type.
    public var type: CK_ATTRIBUTE_TYPE
    /// The value as the module reads it: a `CK_BBOOL` byte, a native `CK_ULONG`, or raw bytes.
    public var value: [UInt8]

    /// A boolean attribute (`CK_BBOOL`, one byte).
    public static func bool(_ type: CK_ATTRIBUTE_TYPE, _ value: Bool) -> Self { .init(type: type, value: [value ? 1 : 0]) }
    /// An unsigned-long attribute (`CK_ULONG`, native width and byte order).
    public static func ulong(_ type: CK_ATTRIBUTE_TYPE, _ value: CK_ULONG) -> Self {
        .init(type: type, value: withUnsafeBytes(of: value) { Array($0) })
    }
    /// A byte-string attribute.
    public static func bytes(_ type: CK_ATTRIBUTE_TYPE, _ value: [UInt8]) -> Self { .init(type: type, value: value) }
    /// A UTF-8 string attribute such as `CKA_LABEL`.
    public static func string(_ type: CK_ATTRIBUTE_TYPE, _ value: String) -> Self { .init(type: type, value: Array(value.utf8)) }
}

extension Array where Element == PKCS11Attribute {
    /// Calls `body` with a C template whose value pointers stay valid for the duration of the call.
    func withTemplate<Result>(_ body: (UnsafeMutablePointer<CK_ATTRIBUTE>?, CK_ULONG) throws -> Result) rethrows -> Result {
        let buffers = map { attribute -> UnsafeMutableRawBufferPointer in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(attribute.value.count, 1), alignment: 8)
            buffer.copyBytes(from: attribute.value)
            return buffer
        }
        defer { buffers.forEach { $0.deallocate() } }
        var template = zip(self, buffers).map { attribute, buffer in
            CK_ATTRIBUTE(type: attribute.type, pValue: buffer.baseAddress, ulValueLen: CK_ULONG(attribute.value.count))
        }
        return try template.withUnsafeMutableBufferPointer { try body($0.baseAddress, CK_ULONG($0.count)) }
    }
}
