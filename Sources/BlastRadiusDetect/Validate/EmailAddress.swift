import BlastRadiusBase

/// An email address around an `@` of the buffer (the email rule's trigger byte): where its local
/// part starts (`start`), and whether the token from there is `local@domain.tld` (`validate`).
///
/// A contact export holds an address per row, so each byte's classes are one load from a
/// table of flags (`ByteClasses`) rather than a chain of range tests, and the bytes are read
/// unchecked.
package enum EmailAddress {
  /// A byte of a local part: the usual ASCII, or UTF-8 of an internationalised one (RFC 6531)
  /// in two-byte characters (Latin, Greek, Cyrillic…). Three- and four-byte characters end it:
  /// in Chinese or Japanese prose an address follows words with no space between.
  static let local = ByteSet("A-Za-z0-9._%+-").union(range(0x80...0xDF))
  /// A byte of a domain label: ASCII letters, digits and hyphen, or any UTF-8 byte.
  static let label = ByteSet("A-Za-z0-9-").union(range(0x80...0xFF))
  /// A byte a top-level label of letters may hold: an ASCII letter or any UTF-8 byte.
  static let letter = ByteSet("A-Za-z").union(range(0x80...0xFF))
  /// A byte of a URL's user part, looked through back from an address for `://`: printable
  /// or UTF-8, not a quote, `<` or `/`.
  static let userInfo: ByteSet = {
    var set = range(0x21...0xFF)
    for b in [ASCII.quote, 0x3C, ASCII.slash] { set.remove(b) }
    return set
  }()

  /// `local`, `label` and `letter` as flags of one table: the walks below ask each byte one to
  /// three of these questions, with one load.
  static let classes: ByteClasses = {
    var classes = ByteClasses()
    classes.insert(local, flag: localFlag)
    classes.insert(label, flag: labelFlag)
    classes.insert(letter, flag: letterFlag)
    return classes
  }()
  static let localFlag: UInt8 = 1
  static let labelFlag: UInt8 = 2
  static let letterFlag: UInt8 = 4

  /// Every byte value in `values`.
  static func range(_ values: ClosedRange<UInt8>) -> ByteSet {
    var set = ByteSet()
    for b in values { set.insert(b) }
    return set
  }

  /// Start of the local part before the last `@` ending at `matchEnd`, or nil when there is
  /// none, or when the `@` ends a URL's user part (`scheme://user:password@host` is a login, not
  /// a mailbox, whatever bytes the password holds).
  package static func start(_ buffer: UnsafeRawBufferPointer, _ matchEnd: Int) -> Int? {
    guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), matchEnd <= buffer.count else {
      return nil
    }
    var at = matchEnd - 1
    let floor = max(0, matchEnd - 300)
    // Back through the domain, eight bytes at a time, to the `@`.
    while at - 7 >= floor {
      let marks = WordBytes.exactBytes(
        buffer.loadUnaligned(fromByteOffset: at - 7, as: UInt64.self), equalTo: ASCII.at)
      if marks != 0 {
        at -= 7 - WordBytes.lastMarked(marks)
        break
      }
      at -= 8
    }
    while at >= floor, base[at] != ASCII.at { at -= 1 }
    guard at >= floor else { return nil }
    var start = at
    Self.classes.withTable { classes in
      while start > 0, at - start < 64, classes[Int(base[start - 1])] & Self.localFlag != 0 { start -= 1 }
    }
    // Not in the middle of a character whose lead byte ended the walk.
    while start < at, base[start] & 0xC0 == 0x80 { start += 1 }
    guard start < at else { return nil }
    // The `@` ends a URL's user part when `://` comes before it with no other `/`.
    // Back to the last byte no user part holds, eight at a time (a contact row is read through
    // to its start): controls, space, quote, `<` and `/`, as `userInfo` has it.
    let userInfo = Self.userInfo
    let low = max(2, start - 255)
    var i = start - 1
    while i - 7 >= low {
      let w = buffer.loadUnaligned(fromByteOffset: i - 7, as: UInt64.self)
      let marks =
        WordBytes.exactBytes(w, below: 0x21) | WordBytes.exactBytes(w, equalTo: ASCII.quote)
        | WordBytes.exactBytes(w, equalTo: 0x3C) | WordBytes.exactBytes(w, equalTo: ASCII.slash)
      if marks != 0 {
        i -= 7 - WordBytes.lastMarked(marks)
        break
      }
      i -= 8
    }
    while i >= low, userInfo.contains(base[i]) { i -= 1 }
    if i >= low, base[i] == ASCII.slash, base[i - 1] == ASCII.slash, base[i - 2] == 0x3A {
      return nil
    }
    return start
  }

  /// `local@domain.tld` at the front of `b`, the domain taken greedily, its last label letters.
  package static func validate(_ b: [UInt8]) -> Validation? {
    guard let end = b.withUnsafeBufferPointer({ Self.end(of: $0) }) else { return nil }
    // An ASCII address is fingerprinted from its bytes, lowercased; one with UTF-8 goes through
    // `String`, which repairs malformed UTF-8 (and so decides the fingerprint).
    let plain = b.withUnsafeBytes { bytes in
      var high: UInt64 = 0
      var k = 0
      while k + 8 <= end {
        high |= bytes.loadUnaligned(fromByteOffset: k, as: UInt64.self)
        k += 8
      }
      while k < end {
        high |= UInt64(bytes[k])
        k += 1
      }
      return high & 0x8080_8080_8080_8080 == 0
    }
    guard !plain else {
      return Validation(length: end, form: .lowercasedValue, reasons: Reasons(.check(.format)))
    }
    let canonical = String(unsafeUninitializedCapacity: end) { out in
      for k in 0..<end { out[k] = ASCII.lower(b[k]) }
      return end
    }
    return Validation(length: end, canonical: canonical, reasons: Reasons(.check(.format)))
  }

  /// Where the address at the front of `b` ends, or nil when there is none.
  static func end(of b: UnsafeBufferPointer<UInt8>) -> Int? {
    Self.classes.withTable { classes in
      let n = b.count
      // The local part: 1 to 64 bytes of `local`, a dot neither first nor last nor after
      // another, then the first `@` (not a local byte, so the walk stops at it).
      var at = 0
      var dotBefore = true
      while at < n, at <= 64 {
        let c = b[at]
        guard classes[Int(c)] & Self.localFlag != 0 else { break }
        let dot = c == ASCII.dot
        if dot && dotBefore { return nil }
        dotBefore = dot
        at += 1
      }
      guard at < n, at <= 64, b[at] == ASCII.at, !dotBefore else { return nil }
      // Walk the domain label by label; remember where the last label that can end it ends.
      var end = 0
      var labelStart = at + 1
      var i = at + 1
      var labels = 0
      var letters = true
      // A label of ASCII letters that goes on in UTF-8: where the ASCII part ends (-1 for
      // none). As the last label, that is the prose the address is glued to
      // (`user@example.comまで`); inside the domain it is a name like `bücher`.
      var ascii = false
      var utf8 = false
      var cut = -1
      while true {
        let c: UInt8 = i < n ? b[i] : 0
        let flags = classes[Int(c)]
        if flags & Self.labelFlag != 0 {
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
          letters = letters && flags & Self.letterFlag != 0
          i += 1
          continue
        }
        // A label ends here: non-empty, no hyphen at either end. A top-level label is letters
        // (ASCII or UTF-8, not both) or punycode.
        guard i > labelStart, b[labelStart] != ASCII.hyphen, b[i - 1] != ASCII.hyphen else { break }
        labels += 1
        // `xn--` and more: compared in place (a slice and the static array cost more than the
        // rest of the label's checks).
        let punycode =
          !letters && i - labelStart > 4 && b[labelStart] == 0x78 && b[labelStart + 1] == 0x6E
          && b[labelStart + 2] == ASCII.hyphen && b[labelStart + 3] == ASCII.hyphen
        let more =
          c == ASCII.dot && i + 1 < n && classes[Int(b[i + 1])] & Self.labelFlag != 0
          && b[i + 1] != ASCII.hyphen
        if labels >= 2, letters || punycode, i - labelStart >= 2, !(ascii && utf8) { end = i }
        if !more, ascii && utf8, cut >= 0 { end = cut }
        guard more else { break }
        i += 1
        labelStart = i
        letters = true
        ascii = false
        utf8 = false
        cut = -1
      }
      return end > 0 ? end : nil
    }
  }
}
