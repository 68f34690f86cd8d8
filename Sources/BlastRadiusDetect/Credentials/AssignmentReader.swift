import BlastRadiusBase

/// Reads the value assigned to a key in the forms config files, code and lists use:
/// `key=value`, `KEY: value`, `"key": "value"`, `key = 'value'`, `key := value`, `key => value`,
/// `<key>value</key>`, `setProperty("key", "value")`, `<add key="…Key" value="…"/>`, a `.netrc`
/// entry, and with `options` a long option's argument (`--token abc`). A bare `key value` in
/// prose is not an assignment.
package enum AssignmentReader {
  /// How far after a key its value may start.
  static let reach = 16
  /// The longest value read.
  static let maxValue = 256

  /// The range of the value after a key that ends at `keyEnd`, or nil when no assignment
  /// follows or the value is longer than `maxLength`. `keyStart` lets `<key>` elements be told
  /// from other text.
  package static func value(
    _ buffer: UnsafeRawBufferPointer, keyStart: Int, keyEnd: Int, maxLength: Int = maxValue,
    options: Bool = false
  ) -> Range<Int>? {
    var i = keyEnd
    let limit = min(buffer.count, keyEnd + reach)
    // XML element: <password>value</password>, the value on the same line or alone on the next.
    if keyStart > 0, buffer[keyStart - 1] == 0x3C, i < buffer.count, buffer[i] == 0x3E {
      let start = i + 1
      var end = start
      while end < min(buffer.count, start + maxLength), buffer[end] != 0x3C { end += 1 }
      guard end < buffer.count, buffer[end] == 0x3C, let value = trimmed(buffer, start, end),
        !value.contains(where: { buffer[$0] == ASCII.newline })
      else { return nil }
      return value
    }
    // The key's closing quote (escaped inside a JSON string: `{\"password\": \"…\"}`), then blanks.
    let quotedKey = keyStart > 0 && (buffer[keyStart - 1] == ASCII.quote || buffer[keyStart - 1] == 0x27)
    if i + 1 < limit, buffer[i] == 0x5C, buffer[i + 1] == ASCII.quote { i += 1 }
    if i < limit, buffer[i] == ASCII.quote || buffer[i] == 0x27 { i += 1 }
    while i < limit, buffer[i] == ASCII.space || buffer[i] == ASCII.tab { i += 1 }
    guard i < limit else { return nil }
    func next(_ k: Int) -> UInt8 { i + k < buffer.count ? buffer[i + k] : 0 }
    var callArgument = false
    // The operator: = : := ::= ?= .= => ->, never == or != (comparisons) or :: (scopes).
    switch buffer[i] {
    case 0x3D:  // =
      if next(1) == 0x3D || next(1) == 0x7E { return nil }
      i += next(1) == 0x3E ? 2 : 1
    case 0x3A:  // :
      if next(1) == 0x3A {
        guard next(2) == 0x3D else { return nil }  // Makefile's ::=
        i += 3
      } else {
        i += next(1) == 0x3D ? 2 : 1
      }
    case 0x3F where next(1) == 0x3D:  // Makefile's ?=
      i += 2
    case ASCII.dot where next(1) == 0x3D:  // PHP's .=
      i += 2
    case ASCII.hyphen where next(1) == 0x3E:
      i += 2
    case ASCII.comma where quotedKey && keyStart >= 2 && buffer[keyStart - 2] == 0x28:
      // A call that sets the key: `setProperty("password", "…")`, `put('pwd', '…')`; the value
      // must be a literal without blanks (`errors.add("password", "is too short")` is a message).
      i += 1
      callArgument = true
    case _ where quotedKey && startsValueAttribute(buffer, at: i):
      // `<add key="SmtpPassword" value="…"/>`: .NET and Java settings files.
      i += 6
    default:
      // A long option and its argument after a blank: `--token abc`, `--api-key "abc"`; a
      // .netrc entry's `password abc`.
      let longOption =
        options && keyEnd - keyStart > 2 && buffer[keyStart] == ASCII.hyphen
        && buffer[keyStart + 1] == ASCII.hyphen
      guard i > keyEnd, buffer[i] != ASCII.hyphen, longOption || NetrcEntry.holds(buffer, keyStart: keyStart)
      else { return nil }
    }
    while i < limit, buffer[i] == ASCII.space || buffer[i] == ASCII.tab { i += 1 }
    guard i < buffer.count else { return nil }
    // A value in escaped quotes, inside a JSON string.
    if buffer[i] == 0x5C, i + 1 < buffer.count, buffer[i + 1] == ASCII.quote {
      let start = i + 2
      var end = start
      let stop = min(buffer.count - 1, start + maxLength)
      while end < stop, !(buffer[end] == 0x5C && buffer[end + 1] == ASCII.quote), buffer[end] != ASCII.newline
      {
        end += 1
      }
      guard end < stop, buffer[end] == 0x5C, end > start else { return nil }
      return start..<end
    }
    let open = buffer[i]
    if open == ASCII.quote || open == 0x27 || open == 0x60 {
      let start = i + 1
      var end = start
      let stop = min(buffer.count, start + maxLength)
      while end < stop, buffer[end] != open, buffer[end] != ASCII.newline {
        if buffer[end] == 0x5C { end += 1 }  // an escaped quote
        end += 1
      }
      guard end < stop, buffer[end] == open, end > start else { return nil }
      if callArgument, (start..<end).contains(where: { buffer[$0] == ASCII.space }) { return nil }
      return start..<end
    }
    // A call's second argument that is not a literal is a variable, not a password.
    if callArgument { return nil }
    // Unquoted: up to a blank or the line's end; a trailing `,` or `;` is the syntax's.
    let start = i
    var end = start
    let stop = min(buffer.count, start + maxLength)
    while end < stop, buffer[end] > 0x20, buffer[end] != 0x7F { end += 1 }
    guard end < stop || end == buffer.count else { return nil }
    while end > start, buffer[end - 1] == ASCII.comma || buffer[end - 1] == 0x3B { end -= 1 }
    return end > start ? start..<end : nil
  }

  /// `value=` (any case) at `at`, after a key attribute.
  static func startsValueAttribute(_ buffer: UnsafeRawBufferPointer, at: Int) -> Bool {
    guard at + 6 < buffer.count else { return false }
    return (0..<5).allSatisfy { ASCII.lower(buffer[at + $0]) == Array("value".utf8)[$0] }
      && buffer[at + 5] == 0x3D
  }

  static func trimmed(_ buffer: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Range<Int>? {
    var lo = start
    var hi = end
    while lo < hi, buffer[lo] <= 0x20 { lo += 1 }
    while hi > lo, buffer[hi - 1] <= 0x20 { hi -= 1 }
    return hi > lo ? lo..<hi : nil
  }

  /// Where the identifier around a key phrase matched at `phraseStart..<phraseEnd` ends, when the
  /// phrase may be followed by more of the name (`TWILIO` in `TWILIO_AUTH_TOKEN`).
  package static func identifierEnd(_ buffer: UnsafeRawBufferPointer, from phraseEnd: Int) -> Int {
    var i = phraseEnd
    let limit = min(buffer.count, phraseEnd + 48)
    while i < limit, ASCII.isWord(buffer[i]) || buffer[i] == ASCII.hyphen || buffer[i] == ASCII.dot { i += 1 }
    return i
  }

  /// Whether a key phrase starts a word or an identifier part: `DB_PASSWORD`, `dbPassword`,
  /// `password`, but not `bypass` or `compass`.
  package static func startsName(_ buffer: UnsafeRawBufferPointer, at start: Int) -> Bool {
    guard start > 0 else { return true }
    let b = buffer[start - 1]
    if !ASCII.isAlnum(b) { return true }
    return ASCII.isLower(b) && ASCII.isUpper(buffer[start])
  }
}
