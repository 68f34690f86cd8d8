/// Outlook's compressed RTF body (`PidTagRtfCompressed`, MS-OXRTFCP): an LZ77 variant over a
/// 4 KiB ring dictionary that starts filled with common RTF text.
enum CompressedRTF {
  /// The dictionary's first 207 bytes, as the format defines them.
  static let prebuffer = Array(
    ("{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript "
      + "\\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
      + "\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx").utf8)

  static let compressed = 0x7546_5A4C  // "LZFu"
  static let uncompressed = 0x414C_454D  // "MELA"

  /// The RTF, at most `limit` bytes of it; nil when the header is not one of this format.
  static func decompress(_ data: [UInt8], limit: Int) -> [UInt8]? {
    guard let rawSize = data.u32(at: 4), let type = data.u32(at: 8) else { return nil }
    let wanted = min(rawSize, limit)
    if type == uncompressed { return Array(data.dropFirst(16).prefix(wanted)) }
    guard type == compressed else { return nil }
    var dictionary = [UInt8](repeating: 0, count: 4096)
    dictionary.replaceSubrange(0..<prebuffer.count, with: prebuffer)
    var write = prebuffer.count
    var out: [UInt8] = []
    out.reserveCapacity(min(wanted, 1 << 20))
    var i = 16
    while i < data.count, out.count < wanted {
      let control = data[i]
      i += 1
      for bit in 0..<8 where out.count < wanted {
        if control & (1 << bit) == 0 {
          guard i < data.count else { return out }
          let b = data[i]
          i += 1
          out.append(b)
          dictionary[write] = b
          write = (write + 1) & 0xFFF
        } else {
          guard i + 1 < data.count else { return out }
          let reference = Int(data[i]) << 8 | Int(data[i + 1])
          i += 2
          let offset = reference >> 4
          let length = (reference & 0xF) + 2
          // A reference to the write position itself ends the data.
          if offset == write { return out }
          for k in 0..<length {
            let b = dictionary[(offset + k) & 0xFFF]
            out.append(b)
            dictionary[write] = b
            write = (write + 1) & 0xFFF
          }
        }
      }
    }
    return out
  }
}
