// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: explicit imports and `any` for existentials keep the module surface honest.
let strict: [SwiftSetting] = [
  .enableUpcomingFeature("InternalImportsByDefault"),
  .enableUpcomingFeature("ExistentialAny"),
]

/// The stages of the pipeline, each a module whose dependencies point down only:
/// base ← walk, extract, match ← detect, hunt, integrity ← scan ← store; base ← aggregate ← report.
let package = Package(
  name: "BlastRadius",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "blastradius", targets: ["blastradius"]),
    .library(
      name: "BlastRadius",
      targets: [
        "BlastRadiusBase", "BlastRadiusWalk", "BlastRadiusExtract", "BlastRadiusMatch", "BlastRadiusDetect",
        "BlastRadiusHunt", "BlastRadiusIntegrity", "BlastRadiusScan", "BlastRadiusAggregate",
        "BlastRadiusReport", "BlastRadiusStore", "BlastRadiusStorePostgres", "BlastRadiusServe",
      ]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
  ],
  targets: [
    // C libraries, each wrapped for the one stage that uses it.
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
    // libpff reads Outlook stores; libbfio lets it read one held in memory (a PST in a zip).
    .systemLibrary(
      name: "CPff",
      pkgConfig: "libpff",
      providers: [.apt(["libpff-dev", "libbfio-dev"])]
    ),
    // Linked through its module map alone: Debian's tesseract.pc also names libcurl, which the
    // engine never calls and which loaded NSS and its dependencies at every start (about 2 ms).
    .systemLibrary(
      name: "CTesseract",
      providers: [.apt(["libtesseract-dev", "tesseract-ocr-eng"]), .brew(["tesseract"])]
    ),
    .systemLibrary(
      name: "CLeptonica",
      pkgConfig: "lept",
      providers: [.apt(["libleptonica-dev"]), .brew(["leptonica"])]
    ),
    .systemLibrary(
      name: "CZstd",
      pkgConfig: "libzstd",
      providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
    ),
    .systemLibrary(
      name: "CYara",
      pkgConfig: "yara",
      providers: [.apt(["libyara-dev"]), .brew(["yara"])]
    ),
    .target(name: "CSHA256"),
    .target(name: "CByteScan"),
    .target(name: "CFuzzDriver"),

    // Writers of the binary formats the engine reads (compound files, Word, Excel, Outlook
    // messages and stores), for the tests and the sample share; not part of the library.
    .target(name: "SynthFormats", dependencies: ["BlastRadiusBase"], swiftSettings: strict),

    // The output contract: records, errors, byte helpers, the JSON writer and reader.
    .target(
      name: "BlastRadiusBase",
      dependencies: ["CSHA256", "CByteScan"],
      swiftSettings: strict
    ),
    .target(name: "BlastRadiusWalk", dependencies: ["BlastRadiusBase"], swiftSettings: strict),
    .target(
      name: "BlastRadiusExtract",
      dependencies: [
        "BlastRadiusBase", "CByteScan", "CArchive", "CPoppler", "CPff", "CTesseract", "CLeptonica",
      ],
      swiftSettings: strict
    ),
    .target(
      name: "BlastRadiusMatch",
      dependencies: ["BlastRadiusBase", "CVectorscan", .product(name: "Crypto", package: "swift-crypto")],
      swiftSettings: strict
    ),
    .target(
      name: "BlastRadiusDetect",
      dependencies: [
        "BlastRadiusBase", "BlastRadiusMatch", "CByteScan", .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strict
    ),
    .target(
      name: "BlastRadiusHunt",
      dependencies: [
        "BlastRadiusBase", "BlastRadiusMatch", "BlastRadiusExtract", "CYara",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict
    ),
    .target(
      name: "BlastRadiusIntegrity",
      dependencies: [
        "BlastRadiusBase", "BlastRadiusWalk", "BlastRadiusExtract",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict
    ),
    .target(
      name: "BlastRadiusScan",
      dependencies: [
        "BlastRadiusBase", "BlastRadiusWalk", "BlastRadiusExtract", "BlastRadiusDetect", "BlastRadiusHunt",
        "BlastRadiusMatch", "BlastRadiusAggregate",
      ],
      swiftSettings: strict
    ),
    .target(
      name: "BlastRadiusAggregate", dependencies: ["BlastRadiusBase", "CByteScan"], swiftSettings: strict),
    .target(
      name: "BlastRadiusReport",
      dependencies: ["BlastRadiusBase", "BlastRadiusAggregate"],
      swiftSettings: strict
    ),
    .target(
      name: "BlastRadiusStore",
      dependencies: [
        "BlastRadiusBase", "BlastRadiusIntegrity", "BlastRadiusScan", "BlastRadiusDetect", "CZstd",
        .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict
    ),

    .target(
      name: "BlastRadiusStorePostgres",
      dependencies: [
        "BlastRadiusBase", "BlastRadiusWalk", "BlastRadiusDetect", "BlastRadiusHunt", "BlastRadiusScan",
        "BlastRadiusStore", .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strict
    ),

    // The console: a Hummingbird 2 server over a store (issue 17).
    .target(
      name: "BlastRadiusServe",
      dependencies: [
        "BlastRadiusBase", "BlastRadiusStore", "BlastRadiusReport", "BlastRadiusScan", "BlastRadiusDetect",
        "BlastRadiusIntegrity", "BlastRadiusAggregate",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      swiftSettings: strict
    ),

    // The CLI has no package access: like a program outside this repository, it can use only the
    // engine's public API.
    .executableTarget(
      name: "blastradius",
      dependencies: [
        "BlastRadiusBase", "BlastRadiusDetect", "BlastRadiusHunt", "BlastRadiusIntegrity", "BlastRadiusScan",
        "BlastRadiusReport", "BlastRadiusStore", "BlastRadiusStorePostgres", "BlastRadiusExtract",
        "BlastRadiusServe", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      packageAccess: false,
      swiftSettings: strict
    ),
    .executableTarget(
      name: "blastradius-synth",
      dependencies: [
        "CArchive", "CPoppler", "SynthFormats",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict
    ),
    // The parsers' fuzz harnesses (scripts/fuzz builds them with -sanitize=fuzzer,address).
    .executableTarget(
      name: "blastradius-fuzz",
      dependencies: [
        "BlastRadiusBase", "BlastRadiusExtract", "BlastRadiusDetect", "BlastRadiusHunt", "BlastRadiusStore",
        "CFuzzDriver",
      ],
      swiftSettings: strict
    ),
    .testTarget(
      name: "BlastRadiusEngineTests",
      dependencies: [
        "BlastRadiusBase", "BlastRadiusWalk", "BlastRadiusExtract", "BlastRadiusMatch", "BlastRadiusDetect",
        "BlastRadiusHunt", "BlastRadiusIntegrity", "BlastRadiusScan", "BlastRadiusAggregate",
        "BlastRadiusReport", "CSHA256", "CByteScan", "SynthFormats",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict
    ),
    .testTarget(
      name: "BlastRadiusStoreTests",
      dependencies: [
        "BlastRadiusStore", "BlastRadiusStorePostgres", "BlastRadiusBase", "BlastRadiusIntegrity",
        "BlastRadiusScan", "BlastRadiusDetect",
      ],
      swiftSettings: strict
    ),
    // The example of docs/library.md, without package access: proof that the public API suffices.
    .testTarget(
      name: "LibraryExampleTests",
      dependencies: [
        "BlastRadiusBase", "BlastRadiusDetect", "BlastRadiusIntegrity", "BlastRadiusReport",
        "BlastRadiusScan",
        "BlastRadiusStore",
      ],
      packageAccess: false,
      swiftSettings: strict
    ),
    .testTarget(
      name: "BlastRadiusServeTests",
      dependencies: [
        "BlastRadiusServe", "BlastRadiusStore", "BlastRadiusBase", "BlastRadiusScan", "BlastRadiusDetect",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
      ],
      swiftSettings: strict
    ),
    .testTarget(
      name: "BlastRadiusCLITests",
      dependencies: [
        "blastradius", "blastradius-synth", "blastradius-fuzz", "CArchive", "SynthFormats",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict
    ),
  ]
)
