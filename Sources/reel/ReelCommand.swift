import ArgumentParser

/// The `reel` command-line tool.
@main
struct Reel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reel: a short-video platform server with sovereign data regions.",
        subcommands: [Serve.self, Seed.self, Migrate.self, Eval.self, Custodian.self, Audit.self, Staff.self, Safety.self],
        defaultSubcommand: Serve.self)
}
