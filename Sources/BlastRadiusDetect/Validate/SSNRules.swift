/// Structural rules for US Social Security Numbers and Individual Taxpayer
/// Identification Numbers.
///
/// Nine-digit runs are everywhere (order numbers, ZIP+4 codes, timestamps), so
/// a candidate only counts when it could actually have been issued. The rules
/// encode what the SSA and IRS never assign, plus the handful of numbers that
/// were published in advertising and are therefore public knowledge, not data.
package enum SSNRules {
  /// Whether the nine digit values (0...9, not ASCII) form an issuable SSN.
  ///
  /// Area 000, 666 and 900–999 are never issued as SSNs (900–999 is the ITIN
  /// space), nor is group 00 or serial 0000. Since the 2011 randomisation the
  /// formerly unassigned areas 734–749 and 773–899 are live, so they pass.
  package static func isValidSSN(_ d: [UInt8]) -> Bool {
    guard let (area, group, serial) = split(d) else { return false }
    if area == 0 || area == 666 || area >= 900 { return false }
    if group == 0 || serial == 0 { return false }
    return !isVoided(area: area, group: group, serial: serial)
  }

  /// Whether the nine digit values form a structurally valid ITIN.
  ///
  /// ITINs always start with 9 and use only the IRS-published group ranges
  /// 50–65, 70–88, 90–92 and 94–99; everything else in the 9xx space is an
  /// adoption number or unassigned, not a taxpayer identifier.
  package static func isValidITIN(_ d: [UInt8]) -> Bool {
    guard let (area, group, serial) = split(d) else { return false }
    guard area >= 900 else { return false }
    switch group {
    case 50...65, 70...88, 90...92, 94...99: break
    default: return false
    }
    if serial == 0 { return false }
    return !isVoided(area: area, group: group, serial: serial)
  }

  /// Numbers printed in advertising or sample cards (for example the wallet
  /// insert 078-05-1120 and the 987-65-4320…4329 block used in ads). They are
  /// public placeholders, so reporting them would only produce noise. The
  /// 987 block sits in the ITIN space, which is why both checks consult this.
  private static func isVoided(area: Int, group: Int, serial: Int) -> Bool {
    switch (area, group, serial) {
    case (78, 5, 1120), (219, 9, 9999), (457, 55, 5462), (987, 65, 4320...4329):
      return true
    default:
      return false
    }
  }

  /// Splits exactly nine digit values into area, group and serial numbers;
  /// nil for a wrong length or any value outside 0...9.
  private static func split(_ d: [UInt8]) -> (area: Int, group: Int, serial: Int)? {
    guard d.count == 9, d.allSatisfy({ $0 <= 9 }) else { return nil }
    let area = Int(d[0]) * 100 + Int(d[1]) * 10 + Int(d[2])
    let group = Int(d[3]) * 10 + Int(d[4])
    let serial = Int(d[5]) * 1000 + Int(d[6]) * 100 + Int(d[7]) * 10 + Int(d[8])
    return (area, group, serial)
  }
}
