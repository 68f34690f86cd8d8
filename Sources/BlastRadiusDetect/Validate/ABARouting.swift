/// ABA routing transit numbers, the nine-digit US bank identifiers printed on
/// cheques and used for ACH transfers.
///
/// The weighted checksum alone passes one random string in ten; the Federal
/// Reserve prefix table (00–12 for banks, 21–32 for thrifts, 61–72 for
/// electronic ACH, 80 for traveller's cheques) removes most of the rest.
package enum ABARouting {
  /// Whether the nine digit values (0...9, not ASCII) form a plausible
  /// routing number: a valid prefix, the 3-7-1 weighted checksum divisible by
  /// 10, and not all zeros (which trivially satisfies the checksum).
  package static func isValid(_ d: [UInt8]) -> Bool {
    guard d.count == 9, d.allSatisfy({ $0 <= 9 }) else { return false }
    guard d.contains(where: { $0 != 0 }) else { return false }
    switch Int(d[0]) * 10 + Int(d[1]) {
    case 0...12, 21...32, 61...72, 80: break
    default: return false
    }
    let v = d.map(Int.init)
    let sum = 3 * (v[0] + v[3] + v[6]) + 7 * (v[1] + v[4] + v[7]) + (v[2] + v[5] + v[8])
    return sum % 10 == 0
  }
}
