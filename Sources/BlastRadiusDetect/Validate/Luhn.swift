/// The Luhn (mod 10) checksum used by payment cards and many other identifiers.
///
/// A random digit string passes with probability 1/10, so the checksum is the
/// cheapest way to discard nine in ten accidental card-shaped numbers.
package enum Luhn {
  /// Whether the digit values (0...9, not ASCII), check digit last, pass the
  /// Luhn checksum. Fewer than two digits carry no payload, so they fail, as
  /// does any value outside 0...9.
  package static func isValid(_ d: [UInt8]) -> Bool {
    guard d.count >= 2 else { return false }
    var sum = 0
    var double = false
    for value in d.reversed() {
      guard value <= 9 else { return false }
      var v = Int(value)
      if double {
        v *= 2
        if v > 9 { v -= 9 }
      }
      sum += v
      double.toggle()
    }
    return sum % 10 == 0
  }
}
