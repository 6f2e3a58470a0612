import Foundation
import PackagePlugin

/// Embeds the files of a target's `Embedded` folder (the web UI's templates, stylesheet and script, the OpenAPI
/// document) into the target as a generated `EmbeddedFiles` enum, so the server carries them inside its binary. The
/// folder is excluded from the target's sources in Package.swift.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let folder = target.directoryURL.appending(path: "Embedded")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        let inputs = names.map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [.buildCommand(displayName: "Embedding \(target.name)'s Embedded files", executable: try context.tool(named: "embed-files").url,
                              arguments: [output.path, "EmbeddedFiles"] + inputs.map(\.path), inputFiles: inputs, outputFiles: [output])]
    }
}
