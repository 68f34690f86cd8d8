/// Writes BIFF8 workbooks (`.xls`, the `Workbook` stream of a compound file): a globals substream
/// with a BOUNDSHEET per sheet and one shared-string table, then each sheet's cells as LABELSST
/// (text) and NUMBER (numbers) records, as Excel 97 to 2003 wrote them.
package enum ExcelWorkbookWriter {
  typealias W = CompoundFileWriter

  /// A cell's content.
  package enum Cell {
    case text(String)
    case number(Double)
  }

  /// A BIFF8 record: type, length, data.
  package static func record(_ type: Int, _ data: [UInt8]) -> [UInt8] {
    W.le(type, 2) + W.le(data.count, 2) + data
  }

  /// A cell's address: row and column (0-based), and an XF index of 0.
  package static func at(_ row: Int, _ column: Int) -> [UInt8] { W.le(row, 2) + W.le(column, 2) + W.le(0, 2) }

  /// A beginning-of-substream record for globals (5) or a worksheet (0x10).
  package static func bof(_ kind: Int) -> [UInt8] {
    record(0x0809, W.le(0x0600, 2) + W.le(kind, 2) + [UInt8](repeating: 0, count: 12))
  }

  /// A whole `.xls` of named sheets of rows. Strings are stored 8-bit when they can be, UTF-16
  /// when not; the shared-string table must fit one record (8 KiB), which sample sheets do.
  package static func workbook(_ sheets: [(name: String, rows: [[Cell]])]) -> [UInt8] {
    var strings: [String] = []
    var index: [String: Int] = [:]
    var total = 0
    for sheet in sheets {
      for row in sheet.rows {
        for case .text(let s) in row {
          total += 1
          if index[s] == nil {
            index[s] = strings.count
            strings.append(s)
          }
        }
      }
    }
    func unicode(_ s: String) -> [UInt8] {
      let narrow = s.unicodeScalars.allSatisfy { $0.value < 0x100 }
      let units = Array(s.utf16)
      return W.le(units.count, 2)
        + (narrow ? [0] + units.map { UInt8(truncatingIfNeeded: $0) } : [1] + W.utf16(s))
    }
    let sst = record(0x00FC, W.le(total, 4) + W.le(strings.count, 4) + strings.flatMap(unicode))
    precondition(
      sst.count <= 8228, "the shared strings need CONTINUE records, which this writer does not write")

    var bodies: [[UInt8]] = []
    for sheet in sheets {
      var body = bof(0x10)
      for (r, row) in sheet.rows.enumerated() {
        for (c, cell) in row.enumerated() {
          switch cell {
          case .text(let s): body += record(0x00FD, at(r, c) + W.le(index[s]!, 4))
          case .number(let n):
            body += record(0x0203, at(r, c) + W.le(Int(truncatingIfNeeded: n.bitPattern), 8))
          }
        }
      }
      bodies.append(body + record(0x000A, []))
    }
    // BOUNDSHEET records point at each sheet's BOF: their own sizes come first.
    let names = sheets.map { unicodeShort($0.name) }
    var offset = bof(5).count + names.map { 4 + 6 + $0.count }.reduce(0, +) + sst.count + 4
    var globals = bof(5)
    for (k, name) in names.enumerated() {
      globals += record(0x0085, W.le(offset, 4) + [0, 0] + name)
      offset += bodies[k].count
    }
    globals += sst + record(0x000A, [])
    return W.make([.stream("Workbook", globals + bodies.joined())]).bytes
  }

  /// A short unicode string (one-byte length) as BOUNDSHEET names are stored.
  static func unicodeShort(_ s: String) -> [UInt8] {
    let units = Array(s.utf16)
    return W.le(units.count, 1) + [1] + W.utf16(s)
  }
}
