package import BlastRadiusBase

/// Bytes already in memory (a document's extracted text, a mail attachment) as a `ByteSource`,
/// so they go through the same scanning as files.
package struct MemorySource: ByteSource {
  let bytes: [UInt8]
  var offset = 0

  package init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Not a `SeekableByteSource`: containers read it in order, so that what they read can be
  /// hashed as it goes by.
  package mutating func resume(at offset: Int) { self.offset = max(0, min(bytes.count, offset)) }

  package mutating func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ScanIssueError) -> Int {
    let n = min(count, bytes.count - offset)
    guard n > 0 else { return 0 }
    bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
    offset += n
    return n
  }
}
