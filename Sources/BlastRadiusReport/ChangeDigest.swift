package import BlastRadiusBase

/// What a `blastradius diff` found, read back from its JSONL for the report's integrity section:
/// the changes per class, the destructive ones listed, and whether it was mass destruction.
public struct ChangeDigest: Sendable {
  /// Classes that destroy data: the ones the page lists file by file.
  package static let destructive: Set<String> = [
    "removed", "wiped", "encrypted", "overwritten", "type-changed",
  ]
  /// Destructive changes listed on the page; the rest are counted.
  package static let listLimit = 1000

  package var input: String
  public var baselineEntries = 0
  public var changes = 0
  /// Changes per class, most first.
  package var classes: [(name: String, count: Int)] = []
  package var destructiveShare = 0.0
  package var thresholdPercent = 0.0
  public var massDestruction = false
  package var bootAreasChanged = 0
  /// The first `listLimit` destructive changes: path and class.
  package var listed: [(path: String, change: String)] = []
  package var finished = false

  /// Reads `path`, a diff's JSONL (`change` records and a `summary`).
  package static func read(path: String) throws(BlastRadiusError) -> ChangeDigest {
    var digest = ChangeDigest(input: path)
    var counts: [String: Int] = [:]
    try JSONLReader.forEachLine(path: path) { line, _ in
      guard let v = try? JSONParser.parse(line) else { return }
      switch v["kind"]?.string {
      case "change":
        guard let change = v["class"]?.string else { return }
        counts[change, default: 0] += 1
        if destructive.contains(change), digest.listed.count < listLimit, let p = v["path"]?.string {
          digest.listed.append((p, change))
        }
      case "summary" where v["command"]?.string == "diff":
        digest.finished = true
        digest.baselineEntries = v["baseline_entries"]?.int ?? 0
        digest.changes = v["changes"]?.int ?? 0
        digest.destructiveShare = v["destructive_share"]?.double ?? 0
        digest.thresholdPercent = v["threshold_percent"]?.double ?? 0
        digest.massDestruction = v["mass_destruction"]?.bool ?? false
        digest.bootAreasChanged = v["boot_areas_changed"]?.int ?? 0
      default:
        break
      }
    }
    if !digest.finished { digest.changes = counts.values.reduce(0, +) }
    digest.classes = counts.map { ($0.key, $0.value) }.sorted { ($0.count, $1.name) > ($1.count, $0.name) }
    return digest
  }
}
