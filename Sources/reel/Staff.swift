import ArgumentParser
import Foundation
import ReelServer

/// `reel staff`: a region's staff members.
struct Staff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage staff members (they sign in with a password and a TOTP code).",
                                                    subcommands: [StaffAdd.self])
}

/// `reel staff add --region eu --role support --handle sam [--password-file F]`: the password comes from
/// the file, or else the first line of standard input; prints the TOTP secret as an `otpauth://` URI.
/// The secret is stored sealed through the region's custodian (the configured one, else a child
/// `reel custodian serve` on `<dataDirectory>/custodians/<region>`, the one `reel serve` starts).
struct StaffAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a staff member to a region and print their TOTP secret as an otpauth:// URI.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "The staff member's region (their jurisdiction), e.g. eu.")
    var region: String

    @Option(name: .long, help: "support, moderator, engineer or auditor.")
    var role: String

    @Option(name: .long, help: "The staff member's sign-in handle.")
    var handle: String

    @Option(name: .long, help: "A file whose first line is the password (default: the first line of standard input).")
    var passwordFile: String?

    func run() async throws {
        let text: String?
        if let passwordFile {
            text = try String(contentsOfFile: passwordFile, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
        } else {
            text = readLine(strippingNewline: true)
        }
        guard let password = text, !password.isEmpty else {
            throw ValidationError("Give the password on standard input or with --password-file.")
        }
        // The secret is sealed through the region's custodian: a child one when none is configured, as `reel serve` starts.
        let logger = common.logger("reel.staff")
        let (configuration, custodians) = try await CustodianChildren.start(for: try common.configuration(), logger: logger)
        let uri: String
        do {
            uri = try await StaffEnrolment.add(configuration: configuration, region: region, role: role, handle: handle,
                                               password: password, logger: logger)
        } catch {
            await custodians.stop()
            throw error
        }
        await custodians.stop()
        print(uri)
    }
}
