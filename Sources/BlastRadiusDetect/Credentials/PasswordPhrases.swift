import BlastRadiusBase
import BlastRadiusMatch

/// Passwords given in code calls and in prose rather than assigned: `new NetworkCredential(user,
/// "secret")` in .NET, and "the password is Xk9#mQ2v" in mail, tickets and chat. Prose is held
/// to a stricter value (mixed character classes) since "the password is wrong" is more common
/// than a password; both are reported at `password`'s medium confidence at most.
enum PasswordPhrases {
  static let phrases = ["password is ", "password was ", "passwort ist ", "mot de passe est "]

  static var patterns: [DetectorSpec.PatternRule] {
    [
      DetectorSpec.PatternRule(VectorscanPattern.literal("NetworkCredential(")) { buffer, end in
        secondArgument(buffer, from: end)
      }
    ]
      + phrases.map { phrase in
        DetectorSpec.PatternRule(VectorscanPattern.literal(phrase), caseless: true) { buffer, end in
          proseValue(buffer, from: end)
        }
      }
  }

  /// The second argument of a call when it is a string literal: `("deploy", "secret")`.
  static func secondArgument(_ buffer: UnsafeRawBufferPointer, from start: Int) -> Range<Int>? {
    var i = start
    let limit = min(buffer.count, start + 256)
    // The first argument: a literal or an expression, up to the comma outside quotes.
    var quote: UInt8?
    while i < limit {
      let b = buffer[i]
      if let q = quote {
        if b == q { quote = nil }
      } else if b == ASCII.quote || b == 0x27 {
        quote = b
      } else if b == ASCII.comma {
        break
      } else if b == 0x29 || b == ASCII.newline {
        return nil
      }
      i += 1
    }
    guard i < limit, buffer[i] == ASCII.comma else { return nil }
    i += 1
    while i < limit, buffer[i] == ASCII.space { i += 1 }
    // Only a literal: a variable names the password, it is not one. The quotes come with the
    // value, so the validator knows it was quoted.
    guard i < limit, buffer[i] == ASCII.quote else { return nil }
    var end = i + 1
    while end < limit, buffer[end] != ASCII.quote, buffer[end] != ASCII.newline { end += 1 }
    guard end < limit, buffer[end] == ASCII.quote, end > i + 1 else { return nil }
    return i..<(end + 1)
  }

  /// The word after "password is", without the sentence's punctuation, when it reads like a
  /// password: six or more characters from at least three of lower, upper, digit and symbol.
  static func proseValue(_ buffer: UnsafeRawBufferPointer, from start: Int) -> Range<Int>? {
    var i = start
    while i < buffer.count, buffer[i] == ASCII.space { i += 1 }
    var s = i
    var end = i
    while end < buffer.count, end - s < 64, buffer[end] > 0x20, buffer[end] < 0x7F { end += 1 }
    // Quotes around it, or a full stop or comma after it, are the sentence's.
    if s < end, buffer[s] == ASCII.quote || buffer[s] == 0x27 || buffer[s] == 0x60 { s += 1 }
    while end > s,
      [ASCII.dot, ASCII.comma, 0x3B, 0x3F, 0x29, ASCII.quote, 0x27, 0x60].contains(buffer[end - 1])
    {
      end -= 1
    }
    guard end - s >= 6 else { return nil }
    var classes = 0
    if (s..<end).contains(where: { ASCII.isLower(buffer[$0]) }) { classes += 1 }
    if (s..<end).contains(where: { ASCII.isUpper(buffer[$0]) }) { classes += 1 }
    if (s..<end).contains(where: { ASCII.isDigit(buffer[$0]) }) { classes += 1 }
    if (s..<end).contains(where: { !ASCII.isAlnum(buffer[$0]) }) { classes += 1 }
    return classes >= 3 ? s..<end : nil
  }
}
