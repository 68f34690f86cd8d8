/// Payment-card networks recognised from the issuer identification number
/// (IIN) prefix together with the lengths that network actually issues.
///
/// Requiring both the prefix and a legal length rejects most Luhn-passing
/// digit runs that are not cards. The Luhn checksum itself is checked
/// separately by `Luhn`, so callers can report the two failures distinctly.
///
/// New networks are appended: a stored finding keeps its brand as an index into `allCases`.
public enum CardBrand: String, Sendable, CaseIterable {
  case visa, mastercard, amex, discover, jcb, diners, unionpay
  case maestro, uatp, dankort, mir, rupay, troy, verve, interpayment, instapayment
}
