import BlastRadiusBase

/// Line and column of increasing offsets in a file read chunk by chunk.
///
/// Every byte is counted once, whether or not anything is found, because a chunk's bytes are
/// gone when a later chunk needs the line number.
package struct LineCursor {
  /// Offsets below this are counted.
  package private(set) var counted = 0
  /// Newlines before `counted`.
  package private(set) var newlines = 0
  /// Offset of the last newline before `counted`, or -1.
  package private(set) var lastNewline = -1

  package init() {}

  /// Counts up to `offset`, given a buffer whose byte 0 is at `bufferStart` and that covers
  /// `counted..<offset`.
  package mutating func advance(to offset: Int, in buffer: UnsafeRawBufferPointer, bufferStart: Int) {
    guard offset > counted else { return }
    let from = counted - bufferStart
    let to = offset - bufferStart
    let slice = UnsafeRawBufferPointer(rebasing: buffer[from..<to])
    let n = ByteCounter.count(ASCII.newline, in: slice)
    if n > 0 {
      newlines += n
      var i = to - 1
      while buffer[i] != ASCII.newline { i -= 1 }
      lastNewline = i + bufferStart
    }
    counted = offset
  }

  /// 1-based line of the last advanced-to offset.
  package var line: Int { newlines + 1 }
  /// 1-based column of `offset` (which must be the last advanced-to offset).
  package func column(of offset: Int) -> Int { offset - lastNewline }
}
