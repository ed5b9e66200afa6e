// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Rebalancer",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rebalancer", targets: ["RebalanceCLI"]),
        .library(name: "WorkbookIO", targets: ["WorkbookIO"]),
        .library(name: "RebalanceEngine", targets: ["RebalanceEngine"]),
        .library(name: "Pricing", targets: ["Pricing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibZip", pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CXLSXWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev", "zlib1g-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "WorkbookIO",
            dependencies: ["CLibZip", "CLibXML2", "CXLSXWriter", "CZlib", "RebalanceEngine"]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "RebalanceEngine"),
        .target(name: "Pricing", dependencies: ["CCurl", "RebalanceEngine"]),
        .target(name: "PortfolioGenerator", dependencies: ["RebalanceEngine"]),
        .target(name: "OutputChecks", dependencies: ["WorkbookIO", "RebalanceEngine"]),
        .executableTarget(
            name: "RebalanceBench",
            dependencies: ["PortfolioGenerator", "RebalanceEngine", "WorkbookIO", "OutputChecks", "Pricing"]),
        .executableTarget(
            name: "BookGenerator", dependencies: ["PortfolioGenerator", "WorkbookIO", "RebalanceEngine"],
            path: "Sources/BookGenerator"),
        .target(name: "SampleBooks", dependencies: ["WorkbookIO", "RebalanceEngine"]),
        .executableTarget(name: "SampleGenerator", dependencies: ["SampleBooks"]),
        .executableTarget(
            name: "RebalanceCLI",
            dependencies: [
                "WorkbookIO", "RebalanceEngine", "Pricing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(
            name: "XLSXTestSupport",
            dependencies: ["WorkbookIO", "CLibZip"],
            path: "Tests/XLSXTestSupport"),
        .testTarget(
            name: "WorkbookIOTests",
            dependencies: ["WorkbookIO", "RebalanceEngine", "Pricing", "PortfolioGenerator", "XLSXTestSupport"]),
        .testTarget(
            name: "PricingTests",
            dependencies: ["Pricing", "RebalanceEngine", "WorkbookIO", "XLSXTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "RebalanceEngineTests", dependencies: ["RebalanceEngine", "PortfolioGenerator"]),
        .testTarget(name: "PortfolioGeneratorTests", dependencies: ["PortfolioGenerator", "RebalanceEngine"]),
        .testTarget(
            name: "RebalanceCLITests",
            dependencies: ["XLSXTestSupport", "WorkbookIO", "RebalanceEngine", "PortfolioGenerator", "SampleBooks",
                           "OutputChecks"],
            exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
