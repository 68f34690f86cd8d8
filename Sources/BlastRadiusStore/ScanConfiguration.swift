import Crypto
public import BlastRadiusBase
public import BlastRadiusDetect
public import BlastRadiusScan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Everything besides a file's bytes that decides what a scan finds in it: the engine's release,
/// the detectors in order, the digests of rules files (custom detectors, YARA, indicators), the
/// reading limits, the confidence floor, and the fingerprint key (by its id, never the key).
/// Two scans with the same hash find the same things in the same file, so a store may reuse a
/// result across them; any change rescans everything. Walking options (excludes, links) are not
/// in it: they decide which files are read, not what a file holds.
public struct ScanConfiguration: Sendable {
  /// Bumped with every change to what the detectors find or how files are read.
  public static let engineRelease = "2026.12.2"

  public let roots: [String]
  /// Detector ids in the scanner's order (a stored finding names its detector by this index).
  public let detectors: [String]
  /// The canonical JSON description, kept with each scan.
  public let json: String
  /// SHA-256 of `json`, hex.
  public let hash: String
  /// HMAC of a fixed text under the fingerprint key: scans under different keys never mix.
  public let keyID: String
  /// The name this machine's files are kept under in a shared store: the host name unless set
  /// (`scan --host`, for a share scanned from different machines). Not part of `hash`: a copy
  /// scanned on another host under the same configuration is the same result.
  public var host: String

  /// `roots` should be absolute (the store keys files by path); `ruleFiles` are the files of
  /// `--rules`, `--yara` and `--iocs` (folders expanded), whose content is hashed.
  public init(
    roots: [String], options: ScanOptions, detectors: DetectorSet, ruleFiles: [String], valuesKept: Bool
  ) throws(BlastRadiusError) {
    self.roots = roots
    self.detectors = detectors.specs.map(\.id)
    keyID = Fingerprinter(key: options.key).fingerprint("blastradius store key id").hex.prefix(16).description
    var json = JSONBuilder()
    json.raw("{\"engine\":")
    json.string(Self.engineRelease)
    json.raw(",\"detectors\":")
    json.strings(self.detectors)
    json.raw(",\"rules\":")
    var digests: [String] = []
    for file in ruleFiles.sorted() {
      guard let bytes = FileReader.readAll(file) else {
        throw BlastRadiusError(.input, "cannot read a rules file to hash it", path: file)
      }
      digests.append(file + " " + Hex.lower(Array(SHA256.hash(data: bytes))))
    }
    json.strings(digests)
    json.raw(",\"min_confidence\":")
    json.string(options.minConfidence.description)
    json.raw(",\"binary\":")
    json.bool(options.scanBinary)
    json.raw(",\"values\":")
    json.bool(valuesKept)
    json.raw(",\"hunt_only\":")
    json.bool(options.hunt.huntOnly)
    json.raw(",\"ocr\":")
    json.bool(options.ocr)
    json.raw(",\"limits\":")
    let l = options.limits
    json.ints([
      l.maxDepth, l.maxMemberBytes, l.maxTotalBytes, l.maxMembers, l.maxRatio, l.maxDocumentBytes,
      options.hunt.maxHuntBytes, options.hunt.yaraTimeout, l.maxImagePixels, l.ocrSecondsPerPage,
    ])
    json.raw(",\"key\":")
    json.string(keyID)
    json.raw("}")
    self.json = String(decoding: json.bytes, as: UTF8.self)
    hash = Hex.lower(Array(SHA256.hash(data: json.bytes)))
    var name = [UInt8](repeating: 0, count: 256)
    let ok = name.withUnsafeMutableBufferPointer { gethostname($0.baseAddress!, 255) } == 0
    host = ok ? String(decoding: name.prefix { $0 != 0 }, as: UTF8.self) : "unknown"
  }

  /// The detector ids, in order, of a configuration's JSON as a scan row keeps it.
  package static func detectorIDs(_ json: String) -> [String] {
    (try? JSONParser.parse(json))?["detectors"]?.array?.compactMap(\.string) ?? []
  }
}
