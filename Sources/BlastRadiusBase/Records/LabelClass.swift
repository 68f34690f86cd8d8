/// What a label, a column header or a JSON key says the value next to it is.
///
/// Detectors list the classes that support them and the classes that contradict them; the
/// lexicon maps words to classes once, so the same words serve every detector.
public enum LabelClass: String, Sendable, CaseIterable, Hashable {
  case ssn, itin, dateOfBirth = "dob", passport, driversLicense = "drivers_license"
  case bankRouting = "routing", bankAccount = "account", card, phone, email, iban
  // Words that name something that is not personal data of the kind above.
  case invoice, order, zip, tracking, reference, transaction, ticket, employeeId = "employee_id"
  case customerId = "customer_id", request
  // Credentials and medical identifiers read from labels and columns.
  case password, medicalRecord = "mrn", npi, dea, healthPlan = "health_plan", diagnosis, medicare
  // Who a record is about, and the login a password belongs to.
  case name, firstName = "first_name", lastName = "last_name", username

  /// The case's position in `allCases`, without building that array: detectors keep their
  /// labels as bit masks and owner tables indexed by it.
  public var index: Int {
    switch self {
    case .ssn: 0
    case .itin: 1
    case .dateOfBirth: 2
    case .passport: 3
    case .driversLicense: 4
    case .bankRouting: 5
    case .bankAccount: 6
    case .card: 7
    case .phone: 8
    case .email: 9
    case .iban: 10
    case .invoice: 11
    case .order: 12
    case .zip: 13
    case .tracking: 14
    case .reference: 15
    case .transaction: 16
    case .ticket: 17
    case .employeeId: 18
    case .customerId: 19
    case .request: 20
    case .password: 21
    case .medicalRecord: 22
    case .npi: 23
    case .dea: 24
    case .healthPlan: 25
    case .diagnosis: 26
    case .medicare: 27
    case .name: 28
    case .firstName: 29
    case .lastName: 30
    case .username: 31
    }
  }

  /// A bit per class, by `index`.
  public var bit: UInt64 { 1 << UInt64(index) }
}
