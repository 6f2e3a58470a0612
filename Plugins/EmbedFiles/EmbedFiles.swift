import Foundation
import PackagePlugin

/// Embeds the files of a target's `UI/Assets` folder (templates, stylesheet, script) into the target as a generated
/// `UIAssets` enum, so the server carries its web UI inside its binary. The folder is excluded from the target's
/// sources in Package.swift.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let folder = target.directoryURL.appending(path: "UI/Assets")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        let inputs = names.map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "UIAssets.swift")
        return [.buildCommand(displayName: "Embedding \(target.name)'s UI assets", executable: try context.tool(named: "embed-files").url,
                              arguments: [output.path, "UIAssets"] + inputs.map(\.path), inputFiles: inputs, outputFiles: [output])]
    }
}
