public import BlastRadiusBase
package import BlastRadiusExtract

/// What reading one file on disk added to a scan's totals, besides its findings' values (those
/// go to the shared tally batch by batch, so memory stays bounded on huge files). A store keeps
/// it with the file's results and gives it back when the file is reused unread, so that a rescan's
/// summary counts the file as if it had been read.
public struct FileTally: Sendable, Equatable {
  public var bytes = 0
  public var findings = 0
  public var errorsByCode: [String: Int] = [:]
  public var skipped: [String: Int] = [:]
  public var encodings: [String: Int] = [:]
  public var members = 0
  public var containers: [String: Int] = [:]
  public var documents: [String: Int] = [:]
  public var formats: [String: FormatCount] = [:]
  public var huntLevels: [String: Int] = [:]
  public var huntHits: [String: Int] = [:]
  /// Pages OCR'd, and the seconds decoding, rendering and recognising them took.
  public var ocrPages = 0
  public var ocrSeconds = 0.0

  public init() {}

  package mutating func itemScanned(bytes: Int, encoding: TextEncoding) {
    self.bytes += bytes
    encodings[encoding.rawValue, default: 0] += 1
  }

  package mutating func member() { members += 1 }
  package mutating func document(_ kind: String) { documents[kind, default: 0] += 1 }
  package mutating func container(_ kind: ContainerKind) { containers[kind.rawValue, default: 0] += 1 }
  package mutating func format(_ format: String, _ outcome: FormatCount.Outcome) {
    formats[format, default: FormatCount()].count(outcome)
  }
  package mutating func skipped(_ reason: String) { skipped[reason, default: 0] += 1 }
  package mutating func issue(_ issue: ScanIssue) { errorsByCode[issue.code.rawValue, default: 0] += 1 }
  package mutating func ocred(seconds: Double) {
    ocrPages += 1
    ocrSeconds += seconds
  }

  package mutating func hunted(_ hits: [HuntHit]) {
    guard let level = hits.first?.level else { return }
    huntLevels[level.rawValue, default: 0] += 1
    for h in hits { huntHits[h.match.rawValue, default: 0] += 1 }
  }

  /// The counts as one JSON object, the form a store keeps.
  public func json() -> [UInt8] {
    var json = JSONBuilder()
    json.raw("{\"bytes\":")
    json.int(bytes)
    json.raw(",\"findings\":")
    json.int(findings)
    json.raw(",\"members\":")
    json.int(members)
    if ocrPages > 0 {
      json.raw(",\"ocr_pages\":")
      json.int(ocrPages)
      json.raw(",\"ocr_seconds\":")
      json.double(ocrSeconds)
    }
    for (key, counts) in [
      ("errors", errorsByCode), ("skipped", skipped), ("encodings", encodings), ("containers", containers),
      ("documents", documents), ("hunt_levels", huntLevels), ("hunt_hits", huntHits),
    ] where !counts.isEmpty {
      json.key(dynamic: key)
      json.counts(counts)
    }
    if !formats.isEmpty {
      json.key("formats")
      json.formats(formats)
    }
    json.raw("}")
    return json.bytes
  }

  /// Reads what `json()` wrote; nil when it is not such an object.
  public init?(json bytes: [UInt8]) {
    guard let value = try? JSONParser.parse(bytes), let bytes = value["bytes"]?.int,
      let findings = value["findings"]?.int, let members = value["members"]?.int
    else { return nil }
    func counts(_ key: String) -> [String: Int] {
      (value[key]?.object ?? [:]).compactMapValues(\.int)
    }
    self.bytes = bytes
    self.findings = findings
    self.members = members
    errorsByCode = counts("errors")
    skipped = counts("skipped")
    encodings = counts("encodings")
    containers = counts("containers")
    documents = counts("documents")
    formats = value["formats"]?.formats ?? [:]
    huntLevels = counts("hunt_levels")
    huntHits = counts("hunt_hits")
    ocrPages = value["ocr_pages"]?.int ?? 0
    ocrSeconds = value["ocr_seconds"]?.double ?? 0
  }
}
