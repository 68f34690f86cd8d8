import BlastRadiusBase

/// `export --format csv`: one row per finding record of a JSONL stream, for a spreadsheet. Other
/// records (errors, files, the summary) are not rows; cells are guarded against formula
/// injection as in files.csv.
public enum FindingsCSV {
  public static let columns = [
    "path", "within", "detector", "category", "confidence", "line", "column", "offset", "sheet", "cell",
    "page",
    "masked", "fingerprint", "value",
  ]

  public static var header: String { columns.joined(separator: ",") + "\n" }

  /// The row of a `finding` record; nil for any other line.
  public static func row(_ line: UnsafeRawBufferPointer) -> String? {
    guard let v = try? JSONParser.parse(line), v["kind"]?.string == "finding" else { return nil }
    let cells: [String] = columns.map { key in
      switch v[key] {
      case .some(let value):
        if let s = value.string { return s }
        if let i = value.int { return String(i) }
        if let list = value.array { return list.compactMap(\.string).joined(separator: " > ") }
        return ""
      case .none: return ""
      }
    }
    return cells.map(TextFormat.csv).joined(separator: ",") + "\n"
  }
}
