package import BlastRadiusBase

/// Where a zip file's last archive starts. libarchive reads a zip on disk from its end-of-central-
/// directory record, so of two zips written one after the other it lists only the second; the
/// first one's bytes are what comes before where the last one starts.
package enum ZipLayout {
  /// The offset where the last zip in `source` begins (0 for a plain zip), from its end-of-
  /// central-directory record; nil when there is none to read.
  package static func lastArchiveStart(_ source: some SeekableByteSource) -> Int? {
    var source = source
    let size = source.size
    // The record is 22 bytes plus a comment of at most 65,535.
    let tail = min(size, 22 + 65_535)
    guard tail >= 22 else { return nil }
    source.seek(to: size - tail)
    var bytes = [UInt8](repeating: 0, count: tail)
    var filled = 0
    while filled < tail {
      let n: Int
      do {
        n = try bytes.withUnsafeMutableBytes { b throws(ScanIssueError) in
          try source.read(into: b.baseAddress! + filled, count: tail - filled)
        }
      } catch {
        return nil
      }
      if n == 0 { return nil }
      filled += n
    }
    var i = tail - 22
    while i >= 0 {
      if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x05, bytes[i + 3] == 0x06 {
        let directorySize = Self.uint32(bytes, i + 12)
        let directoryOffset = Self.uint32(bytes, i + 16)
        // A zip64 archive keeps these in another record: not handled here.
        guard directorySize != 0xFFFF_FFFF, directoryOffset != 0xFFFF_FFFF else { return nil }
        let record = size - tail + i
        let start = record - directorySize - directoryOffset
        return start >= 0 ? start : nil
      }
      i -= 1
    }
    return nil
  }

  static func uint32(_ b: [UInt8], _ at: Int) -> Int {
    Int(b[at]) | Int(b[at + 1]) << 8 | Int(b[at + 2]) << 16 | Int(b[at + 3]) << 24
  }
}

/// The first `count` bytes of a seekable source, as a source of their own.
package struct SourcePrefix<Base: SeekableByteSource>: SeekableByteSource {
  var base: Base
  package let size: Int
  var offset = 0

  package init(_ base: Base, count: Int) {
    self.base = base
    self.size = min(count, base.size)
    self.base.seek(to: 0)
  }

  package mutating func seek(to offset: Int) {
    self.offset = max(0, min(size, offset))
    base.seek(to: self.offset)
  }

  package mutating func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ScanIssueError) -> Int {
    let wanted = min(count, size - offset)
    guard wanted > 0 else { return 0 }
    let n = try base.read(into: buffer, count: wanted)
    offset += n
    return n
  }
}
