// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: explicit imports and `any` for existentials keep the module surface honest.
let strict: [SwiftSetting] = [
  .enableUpcomingFeature("InternalImportsByDefault"),
  .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
  name: "BlastRadius",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "blastradius", targets: ["blastradius"]),
    .library(name: "BlastRadiusCore", targets: ["BlastRadiusCore"]),
    .library(name: "BlastRadiusStore", targets: ["BlastRadiusStore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CVectorscan",
      pkgConfig: "libhs",
      providers: [.apt(["libvectorscan-dev"]), .brew(["vectorscan"])]
    ),
    .systemLibrary(
      name: "CArchive",
      pkgConfig: "libarchive",
      providers: [.apt(["libarchive-dev"]), .brew(["libarchive"])]
    ),
    .systemLibrary(
      name: "CPoppler",
      pkgConfig: "poppler-glib",
      providers: [.apt(["libpoppler-glib-dev"]), .brew(["poppler"])]
    ),
    .systemLibrary(
      name: "CYara",
      pkgConfig: "yara",
      providers: [.apt(["libyara-dev"]), .brew(["yara"])]
    ),
    .target(name: "CSHA256"),
    .target(name: "CByteScan"),
    .target(
      name: "BlastRadiusCore",
      dependencies: [
        "CSHA256",
        "CByteScan",
        "CVectorscan",
        "CArchive",
        "CPoppler",
        "CYara",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strict
    ),
    .target(
      name: "BlastRadiusStore",
      dependencies: ["BlastRadiusCore", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: strict
    ),
    .executableTarget(
      name: "blastradius",
      dependencies: [
        "BlastRadiusCore",
        "BlastRadiusStore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict
    ),
    .executableTarget(
      name: "blastradius-synth",
      dependencies: ["CArchive", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: strict
    ),
    .testTarget(
      name: "BlastRadiusCoreTests",
      dependencies: [
        "BlastRadiusCore", "CSHA256", "CByteScan", .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict
    ),
    .testTarget(
      name: "BlastRadiusStoreTests",
      dependencies: ["BlastRadiusStore", "BlastRadiusCore"],
      swiftSettings: strict
    ),
    .testTarget(
      name: "BlastRadiusCLITests",
      dependencies: [
        "blastradius", "blastradius-synth", "CArchive", .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict
    ),
  ]
)
