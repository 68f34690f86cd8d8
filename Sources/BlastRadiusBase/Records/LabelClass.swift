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
}
