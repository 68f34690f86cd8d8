import BlastRadiusBase

/// Text of one part of a document, laid out for the matcher: tables keep rows and columns exact,
/// because the scanner's delimited-header logic trusts "line N is row N, field K is column K".
package struct DocumentText: Sendable, Equatable {
  /// What part of the document this is, as a user would name it: "sheet: Payroll", "document",
  /// "header1", "comments", "slide 3", "notes 3", "content".
  package var part: String
  /// Table data: one line per row ("\n"), cells separated by "\t", so line N is row N (1-based; an
  /// empty row is an empty line) and field K is column K (0-based). The first row is usually the
  /// header, which the scanner's CSV/TSV header logic reads. Nil-free; text is UTF-8.
  /// Prose data: paragraphs as lines.
  ///
  /// Every line, the last included, ends with "\n".
  package var text: [UInt8]
  /// True for spreadsheet tables (rows/columns meaningful).
  package var isTable: Bool

  package init(part: String, text: [UInt8], isTable: Bool) {
    self.part = part
    self.text = text
    self.isTable = isTable
  }

  /// Bytes one part may grow to before its writer stops: a sheet can place one cell at row
  /// 1,048,576 or repeat a column 16,384 times, so output is not bounded by input.
  package static let defaultLimit = 256 << 20

  /// The plain form of a number a spreadsheet stored: `1.23456789E8` and `123456789.0` become
  /// `123456789`, since that is how the user sees an ID typed into a cell; a non-integral value
  /// (or anything that is not a number) stays as written.
  ///
  /// Done on the decimal digits, not through `Double`, so no value is rounded on the way.
  package static func plainNumber(_ raw: some Collection<UInt8>) -> [UInt8] {
    let bytes = Array(raw)
    var i = 0
    var negative = false
    if i < bytes.count, bytes[i] == 0x2D || bytes[i] == 0x2B {
      negative = bytes[i] == 0x2D
      i += 1
    }
    var digits: [UInt8] = []
    var fraction = 0
    var sawPoint = false
    var sawExponent = false
    while i < bytes.count, ASCII.isDigit(bytes[i]) {
      digits.append(bytes[i])
      i += 1
    }
    if i < bytes.count, bytes[i] == ASCII.dot {
      sawPoint = true
      i += 1
      while i < bytes.count, ASCII.isDigit(bytes[i]) {
        digits.append(bytes[i])
        fraction += 1
        i += 1
      }
    }
    guard !digits.isEmpty else { return bytes }
    var exponent = 0
    if i < bytes.count, bytes[i] | 0x20 == 0x65 {  // 'e'
      sawExponent = true
      i += 1
      var expNegative = false
      if i < bytes.count, bytes[i] == 0x2D || bytes[i] == 0x2B {
        expNegative = bytes[i] == 0x2D
        i += 1
      }
      let start = i
      while i < bytes.count, ASCII.isDigit(bytes[i]), i - start < 4 {
        exponent = exponent * 10 + Int(bytes[i] - 0x30)
        i += 1
      }
      guard i > start else { return bytes }
      if expNegative { exponent = -exponent }
    }
    guard i == bytes.count, sawPoint || sawExponent else { return bytes }
    let shift = exponent - fraction
    var integer: [UInt8]
    if shift >= 0 {
      guard digits.count + shift <= 40 else { return bytes }
      integer = digits + [UInt8](repeating: 0x30, count: shift)
    } else {
      let drop = -shift
      let kept = max(0, digits.count - drop)
      guard digits[kept...].allSatisfy({ $0 == 0x30 }) else { return bytes }
      integer = Array(digits[..<kept])
    }
    let firstNonZero = integer.firstIndex(where: { $0 != 0x30 }) ?? integer.count
    integer.removeFirst(firstNonZero)
    guard integer.count <= 30 else { return bytes }
    if integer.isEmpty { return [0x30] }
    return negative ? [ASCII.hyphen] + integer : integer
  }

  /// Writes prose as lines: whitespace collapses to one space, empty lines are dropped, and table
  /// rows (Word, PowerPoint, OpenDocument, HTML) become one line with cells joined by "\t".
  /// A row inside a cell (a nested table) stays within that cell.
  struct ProseWriter {
    private(set) var out: [UInt8] = []
    let limit: Int
    /// Where the current line starts.
    private var lineStart = 0
    /// Where the current line, or the current cell of a row, starts: a space is never written
    /// first in it.
    private var segmentStart = 0
    /// Whitespace seen since the last text; written as one space before the next text.
    private var pendingSpace = false
    /// Table rows open: 1 is a row being written as a line, more is a nested table.
    private var rowDepth = 0
    /// Cells begun on the current row line.
    private var cells = 0

    init(limit: Int = DocumentText.defaultLimit) { self.limit = limit }

    var inRow: Bool { rowDepth > 0 }
    var lineIsEmpty: Bool { out.count == lineStart }

    mutating func text(_ bytes: some Sequence<UInt8>) {
      guard out.count < limit else { return }
      for b in bytes {
        if b <= ASCII.space {
          pendingSpace = true
          continue
        }
        if pendingSpace, out.count > segmentStart { out.append(ASCII.space) }
        pendingSpace = false
        out.append(b)
      }
    }

    /// A word boundary: a space unless the line or cell is empty.
    mutating func space() { pendingSpace = true }

    /// A paragraph end or line break; within a table row it only separates words.
    mutating func lineBreak() {
      if rowDepth > 0 { pendingSpace = true } else { endLine() }
    }

    /// `bytes` as a line of its own (after the current one); within a row, as more words.
    mutating func line(_ bytes: some Sequence<UInt8>) {
      lineBreak()
      text(bytes)
      lineBreak()
    }

    mutating func beginRow() {
      rowDepth += 1
      if rowDepth == 1 {
        endLine()
        cells = 0
      } else {
        pendingSpace = true
      }
    }

    mutating func endRow() {
      guard rowDepth > 0 else { return lineBreak() }
      if rowDepth == 1 {
        // A row of empty cells says nothing.
        if out[lineStart...].allSatisfy({ $0 == ASCII.tab }) { out.removeSubrange(lineStart...) }
        rowDepth = 0
        endLine()
      } else {
        rowDepth -= 1
        pendingSpace = true
      }
    }

    mutating func beginCell() {
      switch rowDepth {
      case 0: lineBreak()
      case 1:
        if cells > 0, out.count < limit { out.append(ASCII.tab) }
        cells += 1
        segmentStart = out.count
        pendingSpace = false
      default: pendingSpace = true
      }
    }

    mutating func endCell() {
      if rowDepth == 0 { lineBreak() } else { pendingSpace = true }
    }

    mutating func finish() -> [UInt8] {
      while rowDepth > 0 { endRow() }
      endLine()
      return out
    }

    private mutating func endLine() {
      if out.count > lineStart { out.append(ASCII.newline) }
      lineStart = out.count
      segmentStart = lineStart
      pendingSpace = false
    }
  }

  /// Writes cells at their row and column, filling gaps with empty lines and fields. Cells come
  /// in order in every real file; one placed before what is already written (a malformed sheet)
  /// is kept aside and merged in at the end, so positions stay exact either way.
  struct TableWriter {
    private(set) var out: [UInt8] = []
    let limit: Int
    /// The row being written (1-based), 0 before the first.
    private var row = 0
    /// Fields written on that row.
    private var fields = 0
    private var late: [(row: Int, column: Int, text: [UInt8])] = []
    private var lateBytes = 0
    /// Set once a cell did not fit: later ones are dropped too, so the output is a clean prefix.
    private var full = false

    init(limit: Int = DocumentText.defaultLimit) { self.limit = limit }

    var isFull: Bool { full || out.count + lateBytes >= limit }

    /// Places `text` at `row` (1-based) and `column` (0-based); empty text places nothing, so
    /// trailing empty rows and columns never appear.
    mutating func put(row r: Int, column c: Int, _ text: some Collection<UInt8>) {
      guard !text.isEmpty, r >= 1, c >= 0, !isFull else { return }
      if r < row || (r == row && c < fields) {
        late.append((r, c, Array(text)))
        lateBytes += text.count + 16
        return
      }
      let newlines = r > row ? (row == 0 ? r - 1 : r - row) : 0
      let fieldsBefore = newlines > 0 ? 0 : fields
      let tabs = fieldsBefore == 0 ? c : c - fieldsBefore + 1
      guard out.count + newlines + tabs + text.count <= limit else {
        full = true
        return
      }
      row = r
      out.append(contentsOf: repeatElement(ASCII.newline, count: newlines))
      out.append(contentsOf: repeatElement(ASCII.tab, count: tabs))
      Self.appendCell(text, to: &out)
      fields = c + 1
    }

    mutating func finish() -> [UInt8] {
      if row > 0 { out.append(ASCII.newline) }
      guard !late.isEmpty else { return out }
      // Split back into rows and fields (cells hold no tab or newline, so this is exact), put the
      // late cells where they belong (the first value at a position wins), and join again.
      var grid: [[ArraySlice<UInt8>]] = out.split(separator: ASCII.newline, omittingEmptySubsequences: false)
        .dropLast().map { $0.split(separator: ASCII.tab, omittingEmptySubsequences: false) }
      for cell in late.sorted(by: { ($0.row, $0.column) < ($1.row, $1.column) }) {
        while grid.count < cell.row { grid.append([[]]) }
        while grid[cell.row - 1].count <= cell.column { grid[cell.row - 1].append([]) }
        if grid[cell.row - 1][cell.column].isEmpty {
          var clean: [UInt8] = []
          Self.appendCell(cell.text, to: &clean)
          grid[cell.row - 1][cell.column] = clean[...]
        }
      }
      var merged: [UInt8] = []
      merged.reserveCapacity(out.count + lateBytes)
      for fields in grid {
        for (k, field) in fields.enumerated() {
          if k > 0 { merged.append(ASCII.tab) }
          merged.append(contentsOf: field)
        }
        merged.append(ASCII.newline)
      }
      return merged
    }

    /// Cell text with every control byte (tab and newline included) made a space, so it cannot
    /// shift a row or column.
    static func appendCell(_ text: some Collection<UInt8>, to out: inout [UInt8]) {
      for b in text { out.append(b < ASCII.space || b == 0x7F ? ASCII.space : b) }
    }
  }
}
