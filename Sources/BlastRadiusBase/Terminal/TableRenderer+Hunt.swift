/// The hunt section of the table: items with compromise evidence, alerts first.
extension TableRenderer {
  static let huntRows = 50

  static func huntSection(_ s: ScanSummary, hits: [HuntHit]) -> String {
    let counts = HuntLevel.allCases.map { level in
      let n = s.huntLevels[level.rawValue] ?? 0
      return "\(n) \(level.rawValue)\(n == 1 ? "" : "s")"
    }
    var out = "Hunt: " + counts.joined(separator: ", ") + " (files and members with evidence)\n"
    // One row per item, with every distinct piece of evidence.
    var rows: [String: (level: HuntLevel, total: Int, item: String, evidence: [String])] = [:]
    var order: [String] = []
    for h in hits {
      let item = ([h.path] + h.within).joined(separator: " → ")
      let evidence =
        h.match == .yara
        ? "yara \(h.name)" : "\(h.match.rawValue) \(h.iocType.map { "\($0) " } ?? "")\(h.name)"
      if rows[item] == nil {
        rows[item] = (h.level, h.total, item, [])
        order.append(item)
      }
      if !rows[item]!.evidence.contains(evidence) { rows[item]!.evidence.append(evidence) }
    }
    guard !order.isEmpty else { return out + "No compromise evidence.\n" }
    let sorted = order.map { rows[$0]! }.sorted {
      ($0.level, -$0.total, $0.item) < ($1.level, -$1.total, $1.item)
    }
    out += "\n"
    out += table(
      ["level", "score", "item", "evidence"],
      sorted.prefix(huntRows).map {
        [$0.level.rawValue, String($0.total), $0.item, $0.evidence.joined(separator: ", ")]
      },
      rightAligned: [1])
    if sorted.count > huntRows {
      out += "… and \(sorted.count - huntRows) more (use --format jsonl for all)\n"
    }
    return out
  }
}
