package import BlastRadiusBase

extension CardBrand {
  /// The network whose IIN range and length both match the digit values
  /// (0...9, not ASCII), or nil when none does.
  ///
  /// Discover's 622126–622925 co-branded range is tested before UnionPay's
  /// broader 62 prefix so that the more specific network wins.
  package static func identify(_ d: [UInt8]) -> CardBrand? {
    guard (13...19).contains(d.count), d.allSatisfy({ $0 <= 9 }) else { return nil }
    let n = d.count
    let p1 = prefix(d, 1)
    let p2 = prefix(d, 2)
    let p3 = prefix(d, 3)
    let p4 = prefix(d, 4)
    let p6 = prefix(d, 6)

    if p1 == 4 {
      return (n == 13 || n == 16 || n == 19) ? .visa : nil
    }
    if (51...55).contains(p2) || (2221...2720).contains(p4) {
      return n == 16 ? .mastercard : nil
    }
    if p2 == 34 || p2 == 37 {
      return n == 15 ? .amex : nil
    }
    if p4 == 6011 || (644...649).contains(p3) || p2 == 65 || (622_126...622_925).contains(p6) {
      return (16...19).contains(n) ? .discover : nil
    }
    if (3528...3589).contains(p4) {
      return (16...19).contains(n) ? .jcb : nil
    }
    if (300...305).contains(p3) || p2 == 36 || p2 == 38 || p2 == 39 {
      return (14...19).contains(n) ? .diners : nil
    }
    if p2 == 62 {
      return (16...19).contains(n) ? .unionpay : nil
    }
    return nil
  }

  /// The first `count` digit values read as a decimal number.
  private static func prefix(_ d: [UInt8], _ count: Int) -> Int {
    var v = 0
    for i in 0..<count { v = v * 10 + Int(d[i]) }
    return v
  }
}
