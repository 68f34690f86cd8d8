/// Writes an RTF body in Outlook's compressed form (`LZFu`): one reference to the dictionary's
/// initial `{\rtf1\ansi` (offset 0, 11 bytes), then literals, then the end marker. The CRC is
/// left 0, as Outlook's readers accept; `PSTWriter.withCRC` sets it for libpff.
package enum CompressedRTFWriter {
  package static func make(_ rtf: String) -> [UInt8] {
    precondition(rtf.hasPrefix(#"{\rtf1\ansi"#), "the body must start as the dictionary does")
    let rest = Array(rtf.utf8.dropFirst(11))
    var tokens: [[UInt8]] = [[0x00, 0x09]]  // offset 0, length 11 - 2
    tokens += rest.map { [$0] }
    let endAt = (207 + 11 + rest.count) & 0xFFF
    tokens.append([UInt8(endAt >> 4), UInt8((endAt & 0xF) << 4)])
    var body: [UInt8] = []
    for group in stride(from: 0, to: tokens.count, by: 8) {
      let slice = tokens[group..<min(group + 8, tokens.count)]
      var control: UInt8 = 0
      for (k, token) in slice.enumerated() where token.count == 2 { control |= 1 << k }
      body += [control] + slice.joined()
    }
    let W = CompoundFileWriter.self
    return W.le(body.count + 12, 4) + W.le(rtf.utf8.count, 4) + Array("LZFu".utf8) + W.le(0, 4) + body
  }
}
