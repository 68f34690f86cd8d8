import BlastRadiusExtract

/// What a file is by its first bytes, never by its name: a ransomware note can be called
/// `report.docx`, and a document whose magic bytes became noise is the sign of encryption.
package enum ContentType: String, Sendable, CaseIterable {
  case empty, text, binary
  /// Office Open XML (docx, xlsx, pptx) and OpenDocument: zip files with a known first member.
  case ooxml, odf
  case zip, gzip, bzip2, xz, zstd, sevenZip = "7z", tar, rar, cpio
  case pdf, mail, html, xml
  case ole2, png, jpeg, gif, elf, pe, sqlite

  /// A format with a signature, as opposed to plain text, unknown bytes or nothing.
  package var hasSignature: Bool { self != .empty && self != .text && self != .binary }

  package static func sniff(_ head: UnsafeRawBufferPointer) -> ContentType {
    if head.isEmpty { return .empty }
    func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
      head.count >= offset + magic.count && magic.indices.allSatisfy { head[offset + $0] == magic[$0] }
    }
    if let container = ContainerKind.sniff(head) {
      if container == .zip, starts(Array("[Content_Types].xml".utf8), at: 30) { return .ooxml }
      if container == .zip, starts(Array("mimetype".utf8), at: 30) { return .odf }
      return ContentType(rawValue: container.rawValue) ?? .binary
    }
    if let document = DocumentKind.sniff(head) { return ContentType(rawValue: document.rawValue) ?? .text }
    if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole2 }
    if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
    if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
    if starts(Array("GIF8".utf8)) { return .gif }
    if starts([0x7F, 0x45, 0x4C, 0x46]) { return .elf }
    if starts([0x4D, 0x5A]) { return .pe }
    if starts(Array("SQLite format 3\0".utf8)) { return .sqlite }
    // A kilobyte tells text from binary; the sniffer's cost grows with what it is given.
    let start = UnsafeRawBufferPointer(rebasing: head.prefix(1024))
    return EncodingSniffer.sniff(start).encoding == .binary ? .binary : .text
  }
}
