import Crypto
import Foundation
import SwiftASN1
import X509

/// Certificates made at test time (swift-certificates, ECDSA P-256 with SHA-256), written as PEM
/// files: a CA, and leaf certificates it signs for a custodian (server, `localhost`) or an app
/// server (client).
struct TestPKI {
    /// A certificate authority: its certificate and key.
    struct Authority {
        let certificate: Certificate
        let key: Certificate.PrivateKey
        let name: DistinguishedName
        /// Its certificate's PEM file.
        let file: URL
    }

    /// A leaf certificate's PEM files.
    struct Leaf {
        let certificateFile: URL
        let keyFile: URL
    }

    /// Where the files are written.
    let directory: URL

    /// A self-signed CA named `name`, valid from an hour ago for a day.
    func authority(_ name: String) throws -> Authority {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let subject = try DistinguishedName { CommonName(name) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: Date().addingTimeInterval(-3600), notValidAfter: Date().addingTimeInterval(86_400),
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: key)
        let file = directory.appendingPathComponent("\(name)-ca.pem")
        try write(certificate, to: file)
        return Authority(certificate: certificate, key: key, name: subject, file: file)
    }

    /// A certificate for `name` signed by `authority`: for a server (SAN `localhost`, server auth)
    /// or a client (client auth).
    func leaf(_ name: String, signedBy authority: Authority, isServer: Bool) throws -> Leaf {
        let signing = P256.Signing.PrivateKey()
        let key = Certificate.PrivateKey(signing)
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: Date().addingTimeInterval(-3600), notValidAfter: Date().addingTimeInterval(86_400),
            issuer: authority.name, subject: try DistinguishedName { CommonName(name) }, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([isServer ? .serverAuth : .clientAuth])
                if isServer { SubjectAlternativeNames([.dnsName("localhost")]) }
            },
            issuerPrivateKey: authority.key)
        let leaf = Leaf(certificateFile: directory.appendingPathComponent("\(name).pem"), keyFile: directory.appendingPathComponent("\(name)-key.pem"))
        try write(certificate, to: leaf.certificateFile)
        try Data(signing.pemRepresentation.utf8).write(to: leaf.keyFile)
        return leaf
    }

    private func write(_ certificate: Certificate, to file: URL) throws {
        try Data(try certificate.serializeAsPEM().pemString.utf8).write(to: file)
    }
}
