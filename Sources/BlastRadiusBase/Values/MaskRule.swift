/// How a detector masks its values for output, as data: the common rules write the masked
/// bytes straight into a batch's text (no `String` per finding); any other is a function.
package enum MaskRule: Sendable {
  /// Keeps the first and last letters or digits, stars the others (`Masker.keep`).
  case keep(first: Int, last: Int)
  /// `j***@example.com` (`Masker.email`).
  case email
  case custom(@Sendable ([UInt8]) -> String)

  /// `***-**-6789`, the default.
  package static let keepLast4 = MaskRule.keep(first: 0, last: 4)

  /// The masked text.
  package func callAsFunction(_ value: [UInt8]) -> String {
    switch self {
    case .keep(let first, let last): Masker.keep(value, first: first, last: last)
    case .email: Masker.email(value)
    case .custom(let mask): mask(value)
    }
  }

  /// Appends the masked text of `value` to `out`: the same bytes as `callAsFunction`.
  package func write(_ value: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    switch self {
    case .keep(let first, let last):
      // Masked on the stack from the end (an alphanumeric is starred unless among the last
      // `last`, or the first `first`, which alone needs a count first), then appended once.
      withUnsafeTemporaryAllocation(byteCount: value.count, alignment: 1) { masked in
        var alnum = 0
        if first > 0 { for b in value where ASCII.isAlnum(b) { alnum += 1 } }
        var fromEnd = 0
        var i = value.count
        while i > 0 {
          i -= 1
          let b = value[i]
          if ASCII.isAlnum(b) {
            masked[i] = fromEnd >= last && (first == 0 || alnum - 1 - fromEnd >= first) ? 0x2A : b
            fromEnd += 1
          } else {
            masked[i] = b >= 0x80 ? 0x3F : b
          }
        }
        out.append(contentsOf: UnsafeRawBufferPointer(masked))
      }
    case .email:
      var at = 0
      while at < value.count, value[at] != ASCII.at { at += 1 }
      guard at < value.count, at > 0 else {
        return MaskRule.keepLast4.write(value, to: &out)
      }
      // An internationalised domain goes through `String`, which repairs malformed UTF-8 as
      // the output must.
      var ascii = true
      for i in at..<value.count where value[i] >= 0x80 { ascii = false }
      guard ascii else { return out.append(contentsOf: Masker.email(Array(value)).utf8) }
      // Composed first and appended once (five appends cost more than the bytes).
      let domain = value.count - at
      withUnsafeTemporaryAllocation(byteCount: 4 + domain, alignment: 1) { masked in
        masked[0] = value[0] < 0x80 ? value[0] : 0x3F
        masked[1] = 0x2A
        masked[2] = 0x2A
        masked[3] = 0x2A
        UnsafeMutableRawBufferPointer(rebasing: masked[4...]).copyMemory(
          from: UnsafeRawBufferPointer(rebasing: value[at...]))
        out.append(contentsOf: UnsafeRawBufferPointer(masked))
      }
    case .custom(let mask):
      out.append(contentsOf: mask(Array(value)).utf8)
    }
  }
}
