/// The detector ids the scanner reports; the manifest keys its counts by them so tests can compare directly.
enum DetectorID: String, CaseIterable, Sendable {
  case usSSN = "us_ssn"
  case paymentCard = "payment_card"
  case usBankRouting = "us_bank_routing"
  case iban
  case emailAddress = "email_address"
  case phoneNumber = "phone_number"
  case dateOfBirth = "date_of_birth"

  /// The form two occurrences must share to count as one value: digits only for numbers, lowercase email, uppercase
  /// IBAN without spaces; dates arrive already in ISO form.
  func canonical(_ value: String) -> String {
    switch self {
    case .usSSN, .paymentCard, .usBankRouting, .phoneNumber:
      return String(value.filter(\.isASCIIDigit))
    case .emailAddress:
      return value.lowercased()
    case .iban:
      return value.filter { $0 != " " }.uppercased()
    case .dateOfBirth:
      return value
    }
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
