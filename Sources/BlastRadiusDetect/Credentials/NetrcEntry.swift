import BlastRadiusBase

/// A `.netrc` entry, where `password` is followed by its value after a blank, with no `=` or `:`:
/// `machine host login name password secret` on one line, or the same tokens one per line.
/// Elsewhere `password secret` is prose, so the line (or the line before) must start as an entry.
enum NetrcEntry {
  static let starts = ["machine ", "default ", "login ", "machine\t", "login\t"].map { Array($0.utf8) }

  /// Whether the key at `keyStart` sits in such an entry.
  static func holds(_ buffer: UnsafeRawBufferPointer, keyStart: Int) -> Bool {
    let lineStart = self.lineStart(buffer, before: keyStart)
    if startsEntry(buffer, at: lineStart, limit: keyStart) { return true }
    // `password` opening its own line: the line before must open the entry or hold its login.
    guard firstNonBlank(buffer, from: lineStart, limit: keyStart) == keyStart, lineStart > 0 else {
      return false
    }
    let previous = self.lineStart(buffer, before: lineStart - 1)
    return startsEntry(buffer, at: previous, limit: lineStart - 1)
  }

  static func lineStart(_ buffer: UnsafeRawBufferPointer, before position: Int) -> Int {
    var i = position
    while i > 0, buffer[i - 1] != ASCII.newline { i -= 1 }
    return i
  }

  static func firstNonBlank(_ buffer: UnsafeRawBufferPointer, from: Int, limit: Int) -> Int {
    var i = from
    while i < limit, buffer[i] == ASCII.space || buffer[i] == ASCII.tab { i += 1 }
    return i
  }

  static func startsEntry(_ buffer: UnsafeRawBufferPointer, at lineStart: Int, limit: Int) -> Bool {
    let i = firstNonBlank(buffer, from: lineStart, limit: limit)
    return starts.contains { word in
      i + word.count <= limit && (0..<word.count).allSatisfy { buffer[i + $0] == word[$0] }
    }
  }
}
