/// The detector ids the scanner reports; the manifest keys its counts by them so tests can compare directly.
enum DetectorID: String, CaseIterable, Sendable {
  case usSSN = "us_ssn"
  case paymentCard = "payment_card"
  case usBankRouting = "us_bank_routing"
  case iban
  case emailAddress = "email_address"
  case phoneNumber = "phone_number"
  case dateOfBirth = "date_of_birth"
  case awsAccessKeyID = "aws_access_key_id"
  case awsSecretAccessKey = "aws_secret_access_key"
  case githubToken = "github_token"
  case slackToken = "slack_token"
  case stripeKey = "stripe_key"
  case password
  case urlCredentials = "url_credentials"
  case privateKey = "private_key"
  case passwordHash = "password_hash"
  /// A file that is a credential by nature; its value is the file's path.
  case credentialFile = "credential_file"
  case medicalRecordNumber = "medical_record_number"
  case icd10Code = "icd10_code"
  case usMBI = "us_mbi"
  /// Document classes: one finding per classified document, its value the document's path.
  case phi
  case hrPerformance = "hr_performance"
  case hrCompensation = "hr_compensation"
  case confidentialMarking = "confidential_marking"
  case privilegedLegal = "privileged_legal"

  /// The form two occurrences must share to count as one value: digits only for numbers, lowercase email, uppercase
  /// IBAN without spaces; medical ids in capitals without dashes or dots; dates arrive already in ISO form, and
  /// credentials, paths and private key bodies as the scanner keeps them.
  func canonical(_ value: String) -> String {
    switch self {
    case .usSSN, .paymentCard, .usBankRouting, .phoneNumber:
      return String(value.filter(\.isASCIIDigit))
    case .emailAddress:
      return value.lowercased()
    case .iban:
      return value.filter { $0 != " " }.uppercased()
    case .medicalRecordNumber, .icd10Code, .usMBI:
      return value.filter { $0 != "-" && $0 != "." }.uppercased()
    default:
      return value
    }
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
