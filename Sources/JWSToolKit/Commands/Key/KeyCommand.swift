import ArgumentParser

/// `jwstool key …`: generate, inspect and convert keys.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Generate, convert and inspect keys.",
        subcommands: [KeyGenerateCommand.self, KeyPublicCommand.self, KeyConvertCommand.self, KeyThumbprintCommand.self, KeyJWKSCommand.self])
}

/// The output format of key commands.
enum KeyFormat: String, ExpressibleByArgument, CaseIterable {
    case pem, jwk
}
