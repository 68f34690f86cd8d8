package import BlastRadiusBase

extension CardBrand {
  /// One row of the IIN table: a prefix range of a given number of digits, the lengths the
  /// network issues in it, and whether a bare run of digits in it is a card without a card label
  /// or grouping (the big networks); the others' ranges are broad enough that a bare
  /// Luhn-passing number in them is more often an id than a card.
  struct Range: Sendable {
    var brand: CardBrand
    var digits: Int
    var low: Int
    var high: Int
    var lengths: ClosedRange<Int>
    var only: [Int] = []
    var bare = true

    /// Prefix and length both match.
    func holds(_ d: [UInt8]) -> Bool {
      guard lengths.contains(d.count), only.isEmpty || only.contains(d.count) else { return false }
      var v = 0
      for i in 0..<digits { v = v * 10 + Int(d[i]) }
      return (low...high).contains(v)
    }
  }

  /// The IIN ranges in use (ISO/IEC 7812 registrations as the networks publish them), the more
  /// specific first: a co-branded or national range inside a broader one (Discover's 622126–622925
  /// inside UnionPay's 62, RuPay's 6521–6522 inside Discover's 65, Dankort's 5019 beside Maestro)
  /// wins over it.
  static let table: [Range] = [
    Range(brand: .visa, digits: 1, low: 4, high: 4, lengths: 13...19, only: [13, 16, 19]),
    Range(brand: .dankort, digits: 4, low: 5019, high: 5019, lengths: 16...16, bare: false),
    Range(brand: .mir, digits: 4, low: 2200, high: 2204, lengths: 16...19, bare: false),
    Range(brand: .mastercard, digits: 2, low: 51, high: 55, lengths: 16...16),
    Range(brand: .mastercard, digits: 4, low: 2221, high: 2720, lengths: 16...16),
    Range(brand: .amex, digits: 2, low: 34, high: 34, lengths: 15...15),
    Range(brand: .amex, digits: 2, low: 37, high: 37, lengths: 15...15),
    Range(brand: .rupay, digits: 6, low: 652_150, high: 653_149, lengths: 16...16, bare: false),
    Range(
      brand: .verve, digits: 6, low: 650_002, high: 650_027, lengths: 16...19, only: [16, 18, 19], bare: false
    ),
    Range(
      brand: .verve, digits: 6, low: 506_099, high: 506_198, lengths: 16...19, only: [16, 18, 19], bare: false
    ),
    Range(brand: .discover, digits: 4, low: 6011, high: 6011, lengths: 16...19),
    Range(brand: .discover, digits: 3, low: 644, high: 649, lengths: 16...19),
    Range(brand: .discover, digits: 2, low: 65, high: 65, lengths: 16...19),
    Range(brand: .discover, digits: 6, low: 622_126, high: 622_925, lengths: 16...19),
    Range(brand: .jcb, digits: 4, low: 3528, high: 3589, lengths: 16...19),
    Range(brand: .diners, digits: 3, low: 300, high: 305, lengths: 14...19),
    Range(brand: .diners, digits: 2, low: 36, high: 36, lengths: 14...19),
    Range(brand: .diners, digits: 2, low: 38, high: 39, lengths: 14...19),
    Range(brand: .unionpay, digits: 2, low: 62, high: 62, lengths: 16...19),
    Range(brand: .rupay, digits: 2, low: 60, high: 60, lengths: 16...16, bare: false),
    Range(brand: .rupay, digits: 3, low: 508, high: 508, lengths: 16...16, bare: false),
    Range(brand: .rupay, digits: 2, low: 81, high: 82, lengths: 16...16, bare: false),
    Range(brand: .troy, digits: 4, low: 9792, high: 9792, lengths: 16...16, bare: false),
    Range(brand: .interpayment, digits: 3, low: 636, high: 636, lengths: 16...19, bare: false),
    Range(brand: .instapayment, digits: 3, low: 637, high: 639, lengths: 16...16, bare: false),
    Range(brand: .maestro, digits: 4, low: 5018, high: 5018, lengths: 12...19, bare: false),
    Range(brand: .maestro, digits: 4, low: 5020, high: 5020, lengths: 12...19, bare: false),
    Range(brand: .maestro, digits: 4, low: 5038, high: 5038, lengths: 12...19, bare: false),
    Range(brand: .maestro, digits: 4, low: 5893, high: 5893, lengths: 12...19, bare: false),
    Range(brand: .maestro, digits: 4, low: 6304, high: 6304, lengths: 12...19, bare: false),
    Range(brand: .maestro, digits: 4, low: 6759, high: 6759, lengths: 12...19, bare: false),
    Range(brand: .maestro, digits: 4, low: 6761, high: 6763, lengths: 12...19, bare: false),
    Range(brand: .maestro, digits: 2, low: 56, high: 58, lengths: 12...19, bare: false),
    Range(brand: .uatp, digits: 1, low: 1, high: 1, lengths: 15...15, bare: false),
  ]

  /// The network whose IIN range and length both match the digit values (0...9, not ASCII), or
  /// nil when none does; with `bare`, only networks whose bare digit runs count without context.
  package static func identify(_ d: [UInt8], bare: Bool = false) -> CardBrand? {
    guard (12...19).contains(d.count), d.allSatisfy({ $0 <= 9 }) else { return nil }
    guard let row = table.first(where: { $0.holds(d) }) else { return nil }
    return bare && !row.bare ? nil : row.brand
  }
}
