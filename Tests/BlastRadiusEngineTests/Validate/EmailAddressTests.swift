import Testing

@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusMatch

/// The email checks (byte sets, unchecked reads, the token's end eight bytes at a time) give
/// what plain byte-by-byte walks of the same rules give, on random text made of the bytes the
/// rules care about, and on the cases that name each rule.
struct EmailAddressTests {
  /// Bytes the rules tell apart: letters of both cases, digits, the local part's marks, the
  /// domain's dot and hyphen, URL punctuation, token ends, and UTF-8 of two and three bytes.
  static let alphabet: [[UInt8]] =
    ["a", "Z", "x", "n", "7", ".", "-", "_", "+", "%", "@", "/", ":", "\"", "<", ">", ",", " ", "\t"].map {
      Array($0.utf8)
    } + [[0x7F], [0xC3, 0xA9], [0xE3, 0x81, 0xBE], [0x80], [0xFF]]

  /// `count` bytes or a little more: letters, and one in `symbols` from the alphabet.
  static func randomText(
    _ count: Int, symbols: Int = 3, _ generator: inout some RandomNumberGenerator
  ) -> [UInt8] {
    var out: [UInt8] = []
    while out.count < count {
      if Int.random(in: 0..<symbols, using: &generator) == 0 {
        out += alphabet.randomElement(using: &generator)!
      } else {
        out.append(UInt8.random(in: 0x61...0x7A, using: &generator))
      }
    }
    return out
  }

  /// A local part, an `@`, labels of 1 to 7 bytes joined by dots, and what follows: each with
  /// a few bytes from the alphabet (one in `labelSymbols` in the labels), so that every rule
  /// fails now and then.
  static func randomAddress(
    local: ClosedRange<Int>, labels: ClosedRange<Int>, labelSymbols: Int, after: ClosedRange<Int>,
    _ generator: inout some RandomNumberGenerator
  ) -> [UInt8] {
    var text = randomText(Int.random(in: local, using: &generator), symbols: 8, &generator)
    text.append(ASCII.at)
    for label in 0..<Int.random(in: labels, using: &generator) {
      if label > 0 { text.append(ASCII.dot) }
      text += randomText(Int.random(in: 1...7, using: &generator), symbols: labelSymbols, &generator)
    }
    return text + randomText(Int.random(in: after, using: &generator), &generator)
  }

  // The rules as plain walks.

  static func isLocal(_ b: UInt8) -> Bool {
    ASCII.isAlnum(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D
      || (0x80...0xDF).contains(b)
  }

  static func referenceStart(_ buffer: [UInt8], _ matchEnd: Int) -> Int? {
    var at = matchEnd - 1
    let floor = max(0, matchEnd - 300)
    while at >= floor, buffer[at] != ASCII.at { at -= 1 }
    guard at >= floor else { return nil }
    var start = at
    while start > 0, at - start < 64, isLocal(buffer[start - 1]) { start -= 1 }
    while start < at, (0x80...0xBF).contains(buffer[start]) { start += 1 }
    guard start < at else { return nil }
    var i = start - 1
    while i >= 2, start - i < 256, buffer[i] > 0x20, buffer[i] != ASCII.quote, buffer[i] != 0x3C {
      if buffer[i] == ASCII.slash {
        if buffer[i - 1] == ASCII.slash, buffer[i - 2] == 0x3A { return nil }
        break
      }
      i -= 1
    }
    return start
  }

  static func referenceEnd(_ b: [UInt8]) -> Int? {
    guard let at = b.firstIndex(of: ASCII.at), at > 0, at <= 64 else { return nil }
    guard b[0] != ASCII.dot, b[at - 1] != ASCII.dot else { return nil }
    for i in 0..<at {
      guard isLocal(b[i]), !(b[i] == ASCII.dot && i > 0 && b[i - 1] == ASCII.dot) else { return nil }
    }
    var end = 0
    var labelStart = at + 1
    var i = at + 1
    var labels = 0
    var letters = true
    var ascii = false
    var utf8 = false
    var cut: Int?
    while true {
      let c: UInt8 = i < b.count ? b[i] : 0
      if ASCII.isAlnum(c) || c == ASCII.hyphen || c >= 0x80 {
        if c >= 0x80 {
          if !utf8, ascii, labels >= 1, i - labelStart >= 2,
            (labelStart..<i).allSatisfy({ ASCII.isLetter(b[$0]) })
          {
            cut = i
          }
          utf8 = true
        } else {
          ascii = true
        }
        letters = letters && (ASCII.isLetter(c) || c >= 0x80)
        i += 1
        continue
      }
      guard i > labelStart, b[labelStart] != ASCII.hyphen, b[i - 1] != ASCII.hyphen else { break }
      labels += 1
      let punycode =
        !letters && i - labelStart > 4 && b[labelStart] == 0x78 && b[labelStart + 1] == 0x6E
        && b[labelStart + 2] == ASCII.hyphen && b[labelStart + 3] == ASCII.hyphen
      let more = c == ASCII.dot && i + 1 < b.count && (ASCII.isAlnum(b[i + 1]) || b[i + 1] >= 0x80)
      if labels >= 2, letters || punycode, i - labelStart >= 2, !(ascii && utf8) { end = i }
      if !more, ascii && utf8, let cut { end = cut }
      guard more else { break }
      i += 1
      labelStart = i
      letters = true
      ascii = false
      utf8 = false
      cut = nil
    }
    return end > 0 ? end : nil
  }

  static func referenceTokenEnd(_ buffer: [UInt8], from start: Int) -> Int {
    var stop = start
    let limit = min(buffer.count, start + 320)
    while stop < limit, buffer[stop] > 0x20, buffer[stop] != 0x7F, buffer[stop] != ASCII.quote,
      buffer[stop] != 0x3C, buffer[stop] != 0x3E, buffer[stop] != ASCII.comma
    {
      stop += 1
    }
    return stop
  }

  @Test func startAndTokenEndAgreeWithByteWalks() {
    var generator = SystemRandomNumberGenerator()
    var starts = 0
    for _ in 0..<400 {
      let text = Self.randomText(Int.random(in: 1...700, using: &generator), &generator)
      text.withUnsafeBytes { buffer in
        for matchEnd in stride(from: 0, through: text.count, by: 3) {
          let start = EmailAddress.start(buffer, matchEnd)
          #expect(start == Self.referenceStart(text, matchEnd), "\(text) at \(matchEnd)")
          if start != nil { starts += 1 }
        }
        for from in 0..<text.count {
          #expect(
            DetectorSpec.PatternRule.tokenEnd(buffer, from: from) == Self.referenceTokenEnd(text, from: from),
            "\(text) from \(from)")
        }
      }
    }
    #expect(starts > 1000)
  }

  @Test func validationAgreesWithAByteWalk() {
    var generator = SystemRandomNumberGenerator()
    var passed = 0
    for _ in 0..<40_000 {
      let text = Self.randomAddress(local: 0...8, labels: 1...3, labelSymbols: 10, after: 0...6, &generator)
      let expected = Self.referenceEnd(text)
      let validation = EmailAddress.validate(text)
      #expect(validation?.length == expected, "\(text)")
      if let validation, let expected {
        passed += 1
        let value = Array(text[..<expected])
        if value.allSatisfy({ $0 < 0x80 }) {
          #expect(validation.canonical == .lowercasedValue)
        } else {
          #expect(validation.canonical == .text(String(decoding: value.map(ASCII.lower), as: UTF8.self)))
        }
      }
    }
    #expect(passed > 1000)
  }

  /// Addresses are looked for at every `@` (`BuiltinDetectors.email`), no longer after a
  /// Vectorscan match of `@label(.label)*.tld`: that expression only filtered, because every
  /// address the validator accepts holds a match of it starting at its own `@`. Checked here on
  /// random addresses, so that dropping it changed no finding.
  @Test func everyAcceptedAddressMatchesTheFormerExpression() throws {
    let database = try VectorscanDatabase(
      patterns: [
        VectorscanPattern(
          #"@[A-Za-z0-9\-\x80-\xFF]+(?:\.[A-Za-z0-9\-\x80-\xFF]+)*\.[A-Za-z\x80-\xFF]{2,6}"#, id: 0)
      ], padsTail: true, cache: nil)
    let scratch = try database.makeScratch()
    let matches = MatchList()
    var generator = SystemRandomNumberGenerator()
    var accepted = 0
    for _ in 0..<20_000 {
      let text = Self.randomAddress(local: 1...8, labels: 1...4, labelSymbols: 6, after: 0...4, &generator)
      guard let validation = EmailAddress.validate(text) else { continue }
      accepted += 1
      let value = Array(text[..<validation.length])
      let at = value.firstIndex(of: ASCII.at)!
      matches.removeAll()
      try value.withUnsafeBytes { try database.scan($0, scratch: scratch, into: matches) }
      // A match whose nearest `@` before its end is the address's own.
      let own = (0..<matches.count).contains { value[..<matches[$0].end].lastIndex(of: ASCII.at) == at }
      #expect(own, "\(value)")
    }
    #expect(accepted > 1000)
  }

  /// Each rule by name.
  @Test func rulesByName() {
    func end(_ s: String) -> Int? { EmailAddress.validate(Array(s.utf8))?.length }
    #expect(end("Jane.Doe+hr@Example.COM, next") == 23)
    #expect(end("a@b.co") == 6)
    #expect(end("a@example.c") == nil)  // a one-letter top-level label
    #expect(end(".a@example.com") == nil)  // a dot at either end of the local part
    #expect(end("a.@example.com") == nil)
    #expect(end("a..b@example.com") == nil)  // two dots in a row
    #expect(end("a@-example.com") == nil)  // a hyphen at a label's end
    #expect(end("a@example.xn--p1ai") == 18)  // punycode
    #expect(end("user@example.comまで") == 16)  // glued to prose
    #expect(end(String(repeating: "a", count: 65) + "@example.com") == nil)  // local part too long
    func start(_ s: String) -> Int? {
      let b = Array(s.utf8)
      return b.withUnsafeBytes { EmailAddress.start($0, b.count) }
    }
    #expect(start("mail jane@example.com") == 5)
    #expect(start("https://user:secret@example.com") == nil)  // a login, not a mailbox
    #expect(start("see /files/jane@example.com") == 11)  // a path, not a URL's user part
    #expect(start("@example.com") == nil)
  }
}
