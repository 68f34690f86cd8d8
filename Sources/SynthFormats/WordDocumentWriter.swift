/// Writes the streams of a Word 97 document (`.doc`): a File Information Block whose piece table
/// (in `1Table`) lays pieces of text one after the other, each 8-bit ("compressed") or UTF-16,
/// as Word does after edits. Only what a text reader needs: no styles, no formatting runs.
package enum WordDocumentWriter {
  typealias W = CompoundFileWriter

  /// The `WordDocument` and `1Table` streams: the first characters are the document, the last
  /// `comments` characters its comments. `flags` is the FIB's flag word (0x0100 says encrypted).
  package static func streams(
    pieces: [(text: String, compressed: Bool)], comments: Int = 0, flags: Int = 0x0200
  ) -> [CompoundFileWriter.Node] {
    var stream = [UInt8](repeating: 0, count: 1024)
    func put(_ bytes: [UInt8], at offset: Int) {
      stream.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
    }
    put(W.le(0xA5EC, 2), at: 0)
    put(W.le(0xC1, 2), at: 2)
    put(W.le(flags, 2), at: 0x0A)
    put(W.le(14, 2), at: 32)  // csw
    put(W.le(22, 2), at: 62)  // cslw
    put(W.le(93, 2), at: 152)  // cbRgFcLcb
    var cps = [0]
    var pcds: [UInt8] = []
    for piece in pieces {
      let units = Array(piece.text.utf16)
      let at = stream.count
      if piece.compressed {
        stream += units.map { UInt8(truncatingIfNeeded: $0) }
        pcds += [0, 0] + W.le(at * 2 | 0x4000_0000, 4) + [0, 0]
      } else {
        stream += W.utf16(piece.text)
        pcds += [0, 0] + W.le(at, 4) + [0, 0]
      }
      cps.append(cps.last! + units.count)
    }
    put(W.le(cps.last! - comments, 4), at: 64 + 4 * 3)  // ccpText
    put(W.le(comments, 4), at: 64 + 4 * 7)  // ccpAtn
    let plc = cps.flatMap { W.le($0, 4) } + pcds
    let clx: [UInt8] = [0x01] + W.le(2, 2) + [0xAA, 0xBB] + [0x02] + W.le(plc.count, 4) + plc
    let table = [UInt8](repeating: 0, count: 16) + clx
    put(W.le(16, 4), at: 154 + 33 * 8)  // fcClx
    put(W.le(clx.count, 4), at: 154 + 33 * 8 + 4)  // lcbClx
    return [.stream("WordDocument", stream), .stream("1Table", table)]
  }

  /// A whole `.doc` of paragraphs: 8-bit pieces where the text allows it, UTF-16 where not.
  package static func document(paragraphs: [String]) -> [UInt8] {
    let pieces = paragraphs.map { p in
      (text: p + "\r", compressed: p.unicodeScalars.allSatisfy { $0.value < 0x80 })
    }
    return W.make(streams(pieces: pieces)).bytes
  }
}
