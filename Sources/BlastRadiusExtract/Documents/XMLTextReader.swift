import BlastRadiusBase

/// A small, forgiving XML tokenizer over a whole part held in memory.
///
/// Office parts and web pages are read whole anyway, so names, attribute regions and text are
/// slices of that one buffer: nothing is copied unless an entity has to be decoded, and attributes
/// are parsed only when asked for (most tags' attributes never are). Documents found on file shares
/// are often broken, so nothing here validates: a stray `<` is text, an unknown entity stays as
/// written, and a tag, declaration or instruction that never closes is read as text to the end:
/// nothing that follows a stray `<` is hidden. Comments come out as tokens of their own (a web
/// page hides data in them); one that never closes runs to the end. Every step consumes at least
/// one byte, so no input loops or traps.
///
/// With `html: true` the same reader takes HTML's habits: `<script>` and `<style>` bodies are raw
/// text (a `<` in JavaScript is not a tag), names compare without case, and common named entities
/// (`&nbsp;`, `&eacute;`…) decode.
package struct XMLTextReader {
  /// One attribute; the value has its entities decoded.
  package struct Attribute: Equatable, Sendable {
    package var name: ArraySlice<UInt8>
    package var value: ArraySlice<UInt8>
  }

  /// A start, self-closing or end tag.
  package struct Tag: Equatable, Sendable {
    /// The qualified name as written, prefix included (`w:t`).
    package let name: ArraySlice<UInt8>
    /// Bytes between the name and `>` or `/>`, parsed on demand.
    let rawAttributes: ArraySlice<UInt8>
    let html: Bool

    /// The name without its namespace prefix, as a string (`t` for `w:t`); lowercased in HTML.
    ///
    /// Short names fit in a `String` without allocating, so callers can `switch` on it. Matching on
    /// the local name copes with writers that pick other prefixes (`x:c` for `c`).
    package var localName: String {
      var start = name.startIndex
      if let colon = name.lastIndex(of: 0x3A) { start = colon + 1 }
      let local = name[start...]
      if html { return String(decoding: local.map(ASCII.lower), as: UTF8.self) }
      return String(decoding: local, as: UTF8.self)
    }

    /// All attributes in order.
    package var attributes: [Attribute] {
      var result: [Attribute] = []
      forEachAttribute { name, value in
        result.append(Attribute(name: name, value: XMLTextReader.decode(value, html: html)))
        return true
      }
      return result
    }

    /// The decoded value of the attribute with this qualified name (`r:id`), if present.
    package func attribute(_ qualifiedName: String) -> ArraySlice<UInt8>? {
      find { Byte.equal($0, qualifiedName, ignoringCase: html) }
    }

    /// The decoded value of the first attribute whose name without prefix is `localName`.
    package func attribute(local localName: String) -> ArraySlice<UInt8>? {
      find { name in
        var start = name.startIndex
        if let colon = name.lastIndex(of: 0x3A) { start = colon + 1 }
        return Byte.equal(name[start...], localName, ignoringCase: html)
      }
    }

    private func find(_ matches: (ArraySlice<UInt8>) -> Bool) -> ArraySlice<UInt8>? {
      var found: ArraySlice<UInt8>?
      forEachAttribute { name, value in
        guard matches(name) else { return true }
        found = XMLTextReader.decode(value, html: html)
        return false
      }
      return found
    }

    /// Walks `name="value"`, `name='value'`, `name=value` and bare `name` (HTML booleans); the
    /// value handed over is still raw. Stops when `body` returns false.
    private func forEachAttribute(_ body: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Bool) {
      let bytes = rawAttributes
      var i = bytes.startIndex
      let end = bytes.endIndex
      while i < end {
        while i < end, ASCII.isSpace(bytes[i]) || bytes[i] == Byte.slash { i += 1 }
        guard i < end else { return }
        let nameStart = i
        while i < end, !ASCII.isSpace(bytes[i]), bytes[i] != Byte.equals, bytes[i] != Byte.slash {
          i += 1
        }
        let name = bytes[nameStart..<i]
        while i < end, ASCII.isSpace(bytes[i]) { i += 1 }
        var value = bytes[i..<i]
        if i < end, bytes[i] == Byte.equals {
          i += 1
          while i < end, ASCII.isSpace(bytes[i]) { i += 1 }
          if i < end, bytes[i] == Byte.quote || bytes[i] == Byte.apostrophe {
            let q = bytes[i]
            i += 1
            let valueStart = i
            while i < end, bytes[i] != q { i += 1 }
            value = bytes[valueStart..<i]
            if i < end { i += 1 }
          } else {
            let valueStart = i
            while i < end, !ASCII.isSpace(bytes[i]) { i += 1 }
            value = bytes[valueStart..<i]
          }
        }
        if !name.isEmpty, !body(name, value) { return }
      }
    }
  }

  package enum Token: Equatable, Sendable {
    /// `<name …>`
    case start(Tag)
    /// `<name …/>`
    case selfClosing(Tag)
    /// `</name>` (no attributes).
    case end(Tag)
    /// Character data between tags, entities decoded; CDATA sections come through as written.
    case text(ArraySlice<UInt8>)
    /// The body of `<!-- … -->`, to the end of the input when it never closes.
    case comment(ArraySlice<UInt8>)
  }

  let bytes: [UInt8]
  let html: Bool
  private var position = 0
  /// In HTML, the body of `<script>`/`<style>` that the next call returns as raw text.
  private var rawTextElement: String?

  package init(_ bytes: [UInt8], html: Bool = false) {
    self.bytes = bytes
    self.html = html
    // A UTF-8 byte order mark is not text.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  /// The next token, or nil at the end of the input or at the first construct that never closes.
  package mutating func next() -> Token? {
    let end = bytes.count
    if let element = rawTextElement {
      rawTextElement = nil
      let close = Self.findClosing(element, in: bytes, from: position) ?? end
      let body = bytes[position..<close]
      position = close
      if !body.isEmpty { return .text(body) }
    }
    while position < end {
      if bytes[position] != Byte.lessThan || !startsMarkup(at: position) {
        return .text(readText())
      }
      let p = position
      if hasPrefix("<!--", at: p) {
        let close = Self.find("-->", in: bytes, from: p + 4) ?? end
        position = min(end, close + 3)
        if close > p + 4 { return .comment(bytes[(p + 4)..<close]) }
      } else if hasPrefix("<![CDATA[", at: p) {
        let close = Self.find("]]>", in: bytes, from: p + 9) ?? end
        position = min(end, close + 3)
        if close > p + 9 { return .text(bytes[(p + 9)..<close]) }
      } else if hasPrefix("<!", at: p) {
        guard let close = declarationEnd(from: p + 2) else { return rest(from: p) }
        position = close + 1
      } else if hasPrefix("<?", at: p) {
        guard let close = Self.find("?>", in: bytes, from: p + 2) else { return rest(from: p) }
        position = close + 2
      } else if hasPrefix("</", at: p) {
        let nameStart = p + 2
        let nameEnd = scanName(from: nameStart)
        guard let close = Self.findByte(Byte.greaterThan, in: bytes, from: nameEnd) else {
          return rest(from: p)
        }
        position = close + 1
        if nameEnd > nameStart {
          return .end(Tag(name: bytes[nameStart..<nameEnd], rawAttributes: bytes[close..<close], html: html))
        }
      } else {
        return readTag()
      }
    }
    return nil
  }

  /// What follows a construct that never closes, as text: it is not hidden.
  private mutating func rest(from start: Int) -> Token? {
    position = bytes.count
    return .text(bytes[start..<bytes.count])
  }

  /// Whether the `<` at `i` opens markup rather than being a stray character in text.
  private func startsMarkup(at i: Int) -> Bool {
    guard i + 1 < bytes.count else { return false }
    let b = bytes[i + 1]
    return ASCII.isLetter(b) || b == Byte.slash || b == 0x21 || b == 0x3F || b == 0x5F || b == 0x3A
      || b >= 0x80
  }

  private func hasPrefix(_ s: StaticString, at i: Int) -> Bool {
    let n = s.utf8CodeUnitCount
    guard i + n <= bytes.count else { return false }
    return s.withUTF8Buffer { p in (0..<n).allSatisfy { bytes[i + $0] == p[$0] } }
  }

  /// Text up to the next markup, entities decoded.
  private mutating func readText() -> ArraySlice<UInt8> {
    let start = position
    var i = position + 1
    var ampersand = bytes[start] == Byte.ampersand
    while i < bytes.count {
      let b = bytes[i]
      if b == Byte.lessThan, startsMarkup(at: i) { break }
      if b == Byte.ampersand { ampersand = true }
      i += 1
    }
    position = i
    let raw = bytes[start..<i]
    return ampersand ? Self.decode(raw, html: html) : raw
  }

  /// End of a name: the first whitespace, `/` or `>`.
  private func scanName(from start: Int) -> Int {
    var i = start
    while i < bytes.count {
      let b = bytes[i]
      if ASCII.isSpace(b) || b == Byte.slash || b == Byte.greaterThan { break }
      i += 1
    }
    return i
  }

  /// The `>` closing `<!DOCTYPE …>` or another declaration, past any `[internal subset]`.
  private func declarationEnd(from start: Int) -> Int? {
    var depth = 0
    var i = start
    while i < bytes.count {
      switch bytes[i] {
      case 0x5B: depth += 1
      case 0x5D: depth = max(0, depth - 1)
      case Byte.greaterThan where depth == 0: return i
      default: break
      }
      i += 1
    }
    return nil
  }

  /// A start or self-closing tag at `position`. A quoted `>` does not end it; if a quote never
  /// closes, the first `>` does, as browsers recover.
  private mutating func readTag() -> Token? {
    let nameStart = position + 1
    let nameEnd = scanName(from: nameStart)
    var i = nameEnd
    var quote: UInt8 = 0
    var close: Int?
    while i < bytes.count {
      let b = bytes[i]
      if quote != 0 {
        if b == quote { quote = 0 }
      } else if b == Byte.quote || b == Byte.apostrophe {
        quote = b
      } else if b == Byte.greaterThan {
        close = i
        break
      }
      i += 1
    }
    if close == nil { close = Self.findByte(Byte.greaterThan, in: bytes, from: nameEnd) }
    guard let close else { return rest(from: position) }
    position = close + 1
    let selfClosing = close > nameEnd && bytes[close - 1] == Byte.slash
    let tag = Tag(
      name: bytes[nameStart..<nameEnd], rawAttributes: bytes[nameEnd..<(selfClosing ? close - 1 : close)],
      html: html)
    if selfClosing { return .selfClosing(tag) }
    if html {
      let local = tag.localName
      if local == "script" || local == "style" { rawTextElement = local }
    }
    return .start(tag)
  }

  // MARK: - Searching

  static func findByte(_ b: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
    var i = start
    while i < bytes.count {
      if bytes[i] == b { return i }
      i += 1
    }
    return nil
  }

  static func find(_ needle: StaticString, in bytes: [UInt8], from start: Int) -> Int? {
    needle.withUTF8Buffer { n in
      guard let first = n.first else { return start }
      var i = start
      while let hit = findByte(first, in: bytes, from: i) {
        guard hit + n.count <= bytes.count else { return nil }
        if (1..<n.count).allSatisfy({ bytes[hit + $0] == n[$0] }) { return hit }
        i = hit + 1
      }
      return nil
    }
  }

  /// Start of `</element` (any case) followed by a non-name byte, from `start`.
  static func findClosing(_ element: String, in bytes: [UInt8], from start: Int) -> Int? {
    let name = Array(element.utf8)
    var i = start
    while let hit = findByte(Byte.lessThan, in: bytes, from: i) {
      let after = hit + 2 + name.count
      if after <= bytes.count, bytes[hit + 1] == Byte.slash,
        name.indices.allSatisfy({ ASCII.lower(bytes[hit + 2 + $0]) == name[$0] }),
        after == bytes.count || !ASCII.isLetter(bytes[after])
      {
        return hit
      }
      i = hit + 1
    }
    return nil
  }

  // MARK: - Entities

  /// `raw` with `&lt; &gt; &amp; &quot; &apos;`, `&#233;` and `&#xE9;` (and in HTML the common
  /// named entities) replaced by their UTF-8; anything else stays as written.
  package static func decode(_ raw: ArraySlice<UInt8>, html: Bool = false) -> ArraySlice<UInt8> {
    guard raw.contains(Byte.ampersand) else { return raw }
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var i = raw.startIndex
    let end = raw.endIndex
    while i < end {
      let b = raw[i]
      guard b == Byte.ampersand else {
        out.append(b)
        i += 1
        continue
      }
      // An entity is `&name;` with a short name; look for the `;` within a few bytes.
      var j = i + 1
      while j < end, j - i <= 32, raw[j] != Byte.semicolon, raw[j] != Byte.ampersand,
        raw[j] != Byte.lessThan, !ASCII.isSpace(raw[j])
      {
        j += 1
      }
      if j < end, raw[j] == Byte.semicolon, let scalar = entity(raw[(i + 1)..<j], html: html) {
        out.append(contentsOf: scalar)
        i = j + 1
      } else {
        out.append(b)
        i += 1
      }
    }
    return out[...]
  }

  /// UTF-8 of one entity body (between `&` and `;`), or nil when it is not one we know.
  static func entity(_ body: ArraySlice<UInt8>, html: Bool) -> [UInt8]? {
    guard let first = body.first else { return nil }
    if first == 0x23 {  // '#'
      var i = body.startIndex + 1
      var radix: UInt32 = 10
      if i < body.endIndex, body[i] | 0x20 == 0x78 {  // 'x'
        radix = 16
        i += 1
      }
      guard i < body.endIndex, body.endIndex - i <= 8 else { return nil }
      var value: UInt32 = 0
      while i < body.endIndex {
        guard let d = Byte.digitValue(body[i]), d < radix else { return nil }
        value = value * radix + d
        i += 1
      }
      guard value != 0, let scalar = Unicode.Scalar(value) else { return nil }
      var out: [UInt8] = []
      UTF8.encode(scalar) { out.append($0) }
      return out
    }
    let name = String(decoding: body, as: UTF8.self)
    switch name {
    case "lt": return [Byte.lessThan]
    case "gt": return [Byte.greaterThan]
    case "amp": return [Byte.ampersand]
    case "quot": return [Byte.quote]
    case "apos": return [Byte.apostrophe]
    default: break
    }
    guard html, let value = htmlEntities[name], let scalar = Unicode.Scalar(value) else { return nil }
    var out: [UInt8] = []
    UTF8.encode(scalar) { out.append($0) }
    return out
  }

  /// Named entities common in real pages. `&nbsp;` becomes a plain space: the matcher reads
  /// ASCII, and "SSN:&nbsp;123-45-6789" should read like "SSN: 123-45-6789".
  static let htmlEntities: [String: UInt32] = [
    "nbsp": 0x20, "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "shy": 0xAD, "iexcl": 0xA1, "iquest": 0xBF,
    "cent": 0xA2, "pound": 0xA3, "yen": 0xA5, "euro": 0x20AC, "curren": 0xA4, "sect": 0xA7, "para": 0xB6,
    "deg": 0xB0, "plusmn": 0xB1, "times": 0xD7, "divide": 0xF7, "micro": 0xB5, "middot": 0xB7,
    "laquo": 0xAB, "raquo": 0xBB, "lsquo": 0x2018, "rsquo": 0x2019, "ldquo": 0x201C, "rdquo": 0x201D,
    "ndash": 0x2013, "mdash": 0x2014, "bull": 0x2022, "hellip": 0x2026, "ensp": 0x2002, "emsp": 0x2003,
    "thinsp": 0x2009, "zwnj": 0x200C, "zwj": 0x200D, "frac12": 0xBD, "frac14": 0xBC, "frac34": 0xBE,
    "sup1": 0xB9, "sup2": 0xB2, "sup3": 0xB3, "ordf": 0xAA, "ordm": 0xBA, "not": 0xAC,
    "Agrave": 0xC0, "Aacute": 0xC1, "Acirc": 0xC2, "Atilde": 0xC3, "Auml": 0xC4, "Aring": 0xC5, "AElig": 0xC6,
    "Ccedil": 0xC7, "Egrave": 0xC8, "Eacute": 0xC9, "Ecirc": 0xCA, "Euml": 0xCB, "Igrave": 0xCC,
    "Iacute": 0xCD, "Icirc": 0xCE, "Iuml": 0xCF, "Ntilde": 0xD1, "Ograve": 0xD2, "Oacute": 0xD3,
    "Ocirc": 0xD4, "Otilde": 0xD5, "Ouml": 0xD6, "Oslash": 0xD8, "Ugrave": 0xD9, "Uacute": 0xDA,
    "Ucirc": 0xDB, "Uuml": 0xDC, "Yacute": 0xDD, "szlig": 0xDF,
    "agrave": 0xE0, "aacute": 0xE1, "acirc": 0xE2, "atilde": 0xE3, "auml": 0xE4, "aring": 0xE5, "aelig": 0xE6,
    "ccedil": 0xE7, "egrave": 0xE8, "eacute": 0xE9, "ecirc": 0xEA, "euml": 0xEB, "igrave": 0xEC,
    "iacute": 0xED, "icirc": 0xEE, "iuml": 0xEF, "ntilde": 0xF1, "ograve": 0xF2, "oacute": 0xF3,
    "ocirc": 0xF4, "otilde": 0xF5, "ouml": 0xF6, "oslash": 0xF8, "ugrave": 0xF9, "uacute": 0xFA,
    "ucirc": 0xFB, "uuml": 0xFC, "yacute": 0xFD, "yuml": 0xFF,
  ]

  // MARK: - Bytes

  /// Markup punctuation and byte tests the tokenizer and the document walkers share, on top of
  /// the detectors' `ASCII`.
  enum Byte {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let ampersand: UInt8 = 0x26
    static let apostrophe: UInt8 = 0x27
    static let slash: UInt8 = 0x2F
    static let semicolon: UInt8 = 0x3B
    static let lessThan: UInt8 = 0x3C
    static let equals: UInt8 = 0x3D
    static let greaterThan: UInt8 = 0x3E

    static func digitValue(_ b: UInt8) -> UInt32? {
      if b &- 0x30 < 10 { return UInt32(b - 0x30) }
      let l = b | 0x20
      if l &- 0x61 < 6 { return UInt32(l - 0x61 + 10) }
      return nil
    }

    /// Whether `bytes` spell the ASCII string `s`.
    static func equal(_ bytes: ArraySlice<UInt8>, _ s: String, ignoringCase: Bool = false) -> Bool {
      var i = bytes.startIndex
      for c in s.utf8 {
        guard i < bytes.endIndex else { return false }
        if ignoringCase ? ASCII.lower(bytes[i]) != ASCII.lower(c) : bytes[i] != c { return false }
        i += 1
      }
      return i == bytes.endIndex
    }
  }
}
