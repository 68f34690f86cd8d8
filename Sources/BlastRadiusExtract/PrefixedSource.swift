package import BlastRadiusBase

/// Bytes already read from a source, then the rest of it: lets the scanner look at an item's
/// first bytes to decide what it is, then hand the whole item on.
package struct PrefixedSource<Base: ByteSource>: ByteSource {
  var prefix: [UInt8]
  var offset = 0
  var source: Base

  package init(prefix: [UInt8], source: Base) {
    self.prefix = prefix
    self.source = source
  }

  package mutating func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ScanIssueError) -> Int {
    if offset < prefix.count {
      let n = min(count, prefix.count - offset)
      prefix.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
      offset += n
      return n
    }
    return try source.read(into: buffer, count: count)
  }
}
