/// Container formats recognised by their magic bytes (not by file name), opened with libarchive.
package enum ContainerKind: String, Sendable, CaseIterable {
  case zip, gzip, bzip2, xz, zstd, sevenZip = "7z", tar, rar, cpio

  /// The container whose signature starts `head`, if any.
  package static func sniff(_ head: UnsafeRawBufferPointer) -> ContainerKind? {
    func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
      head.count >= offset + magic.count && magic.indices.allSatisfy { head[offset + $0] == magic[$0] }
    }
    if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06])
      || starts([0x50, 0x4B, 0x07, 0x08])
    {
      return .zip
    }
    if starts([0x1F, 0x8B]) { return .gzip }
    if starts([0x42, 0x5A, 0x68]) { return .bzip2 }
    if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
    if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
    if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return .sevenZip }
    if starts([0x52, 0x61, 0x72, 0x21, 0x1A, 0x07]) { return .rar }
    if starts(Array("ustar".utf8), at: 257) { return .tar }
    if starts(Array("070701".utf8)) || starts(Array("070707".utf8)) { return .cpio }
    return nil
  }
}
