// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

/// `jwstool` is one static executable: the Swift runtime, FoundationEssentials, OpenSSL's libcrypto and jansson are
/// linked in, so no dynamic loader runs — its relocations, symbol lookups and libstdc++'s start-up were half of a
/// single `jwstool verify` (README "The command line" has the measurements). The flag is given to the compiler too,
/// so that Foundation's static support libraries are linked; no test target may depend on `jwstool` (the tests run the
/// built binary instead). Nothing in it asks glibc for the name service or dlopen (the network commands are
/// `jwstool-dcr`'s, which stays dynamic), so it is linked by the toolchain's lld, which does not repeat gold's warnings
/// that static glibc would need its shared parts for those.
let staticRuntime = "-static-executable"

/// The trait that brings in the CLI and the DCR server and client, on by default. A package that needs only the `JOSE`
/// library asks for `traits: []` and resolves none of the packages below: every reference to them is guarded by it.
let tools = "Tools"

/// A product of one of the packages only the tools need.
func toolsProduct(_ name: String, _ package: String) -> Target.Dependency {
    .product(name: name, package: package, condition: .when(traits: [tools]))
}

let package = Package(
    name: "jwstool",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "JOSE", targets: ["JOSE"]),
        .executable(name: "jwstool", targets: ["jwstool"]),
        .executable(name: "jwstool-dcr", targets: ["jwstool-dcr"]),
        .executable(name: "jwsbench", targets: ["jwsbench"]),
        .executable(name: "usagebench", targets: ["usagebench"]),
        .executable(name: "jwstool-fuzz", targets: ["jwstool-fuzz"]),
    ],
    traits: [
        .trait(name: tools, description: "The jwstool CLI, its DCR server and client, and their benchmarks."),
        .default(enabledTraits: [tools]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // `swift package generate-documentation --target JOSE` (DocC); a plugin only, nothing links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        .systemLibrary(
            name: "CJansson", pkgConfig: "jansson",
            providers: [.apt(["libjansson-dev"]), .brew(["jansson"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .target(name: "JOSE", dependencies: ["COpenSSL", "CJansson"], swiftSettings: strict),
        .target(name: "FileSafety", swiftSettings: strict),
        .target(
            name: "DCR",
            dependencies: [
                "JOSE", "COpenSSL", "FileSafety", toolsProduct("GRDB", "GRDB.swift"), toolsProduct("PostgresNIO", "postgres-nio"),
                toolsProduct("Logging", "swift-log"),
            ],
            swiftSettings: strict),
        .target(
            name: "DCRServer",
            dependencies: [
                "DCR", "JOSE", "CZlib", toolsProduct("Hummingbird", "hummingbird"), toolsProduct("HummingbirdCore", "hummingbird"),
                toolsProduct("Logging", "swift-log"),
                toolsProduct("HTTPTypes", "swift-http-types"),
                toolsProduct("ServiceLifecycle", "swift-service-lifecycle"),
                toolsProduct("NIOCore", "swift-nio"), toolsProduct("NIOHTTPTypes", "swift-nio-extras"),
                toolsProduct("Mustache", "swift-mustache"),
            ],
            exclude: ["Embedded"],
            swiftSettings: strict,
            plugins: ["EmbedFiles"]),
        .executableTarget(name: "embed-files", swiftSettings: strict),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),
        .target(
            name: "DCRClient",
            dependencies: [
                "DCR", "JOSE", toolsProduct("AsyncHTTPClient", "async-http-client"), toolsProduct("Logging", "swift-log"),
                toolsProduct("NIOCore", "swift-nio"), toolsProduct("NIOPosix", "swift-nio"),
                toolsProduct("GRDB", "GRDB.swift"),
            ],
            swiftSettings: strict),
        // The offline commands and what every command shares (inputs, options, files, exit statuses).
        .target(
            name: "JWSToolKit",
            dependencies: ["JOSE", "FileSafety", toolsProduct("ArgumentParser", "swift-argument-parser")],
            swiftSettings: strict),
        // The CLI users run: the offline commands, handing app/register/token/call/serve to jwstool-dcr beside it.
        // (Not a dependency: an executable's dependency links everything the other one links. `swift build` builds both.)
        .executableTarget(
            name: "jwstool",
            dependencies: ["JWSToolKit", toolsProduct("ArgumentParser", "swift-argument-parser")],
            swiftSettings: strict + [.unsafeFlags([staticRuntime])],
            linkerSettings: [.unsafeFlags([staticRuntime, "-use-ld=lld"])]),
        .executableTarget(
            name: "jwstool-dcr",
            dependencies: [
                "JWSToolKit", "JOSE", "DCR", "DCRServer", "DCRClient",
                toolsProduct("ArgumentParser", "swift-argument-parser"),
                toolsProduct("Logging", "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "jwsbench", dependencies: ["JOSE", "COpenSSL", "CJansson"], swiftSettings: strict),
        // Gives a server state a million recorded requests through the real recording path (Benchmarks/reports.py).
        .executableTarget(name: "usagebench", dependencies: ["DCR", "JOSE"], swiftSettings: strict),
        // Fuzz targets (Fuzz/run.sh builds jwstool-fuzz with --sanitize=fuzzer); the tests replay their crash inputs.
        .target(name: "FuzzHarnesses", dependencies: ["JOSE"], swiftSettings: strict),
        .executableTarget(name: "jwstool-fuzz", dependencies: ["FuzzHarnesses"], swiftSettings: strict),
        .testTarget(name: "JOSETests", dependencies: ["JOSE", "FuzzHarnesses"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "JWSToolTests", dependencies: ["JOSE", "JWSToolKit"], exclude: ["interop", "browser"], swiftSettings: strict),
        .testTarget(
            name: "DCRTests",
            dependencies: ["DCR", "DCRServer", "DCRClient", "JOSE", toolsProduct("AsyncHTTPClient", "async-http-client")],
            exclude: ["Fixtures"],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
