// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "jwstool",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "JOSE", targets: ["JOSE"]),
        .executable(name: "jwstool", targets: ["jwstool"]),
        .executable(name: "jwsbench", targets: ["jwsbench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        .systemLibrary(
            name: "CJansson", pkgConfig: "jansson",
            providers: [.apt(["libjansson-dev"]), .brew(["jansson"])]),
        .target(name: "JOSE", dependencies: ["COpenSSL", "CJansson"], swiftSettings: strict),
        .executableTarget(
            name: "jwstool",
            dependencies: ["JOSE", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
        .executableTarget(name: "jwsbench", dependencies: ["JOSE", "COpenSSL", "CJansson"], swiftSettings: strict),
        .testTarget(name: "JOSETests", dependencies: ["JOSE"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "JWSToolTests", dependencies: ["jwstool", "JOSE"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
