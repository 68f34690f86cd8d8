/// Which detectors say something about a person, and how strongly each identifies them: the
/// order a person's key is chosen in, and which values may join records into one person.
package enum PersonalData {
  /// Identifiers that single out a person, strongest first. A person's key is the fingerprint of
  /// the first of these they have.
  package static let keyOrder = [
    "us_ssn", "us_itin", "us_passport", "us_drivers_license", "us_mbi", "medical_record_number",
    "health_plan_id", "payment_card", "iban", "us_bank_routing", "email_address", "phone_number",
  ]

  static let rankOf: [String: Int] = Dictionary(uniqueKeysWithValues: keyOrder.enumerated().map { ($1, $0) })

  /// The rank of a key identifier (0 is strongest), nil for other data.
  package static func rank(_ detector: String) -> Int? { rankOf[detector] }

  /// A routing number names a bank, which thousands of people share: it is data about a person
  /// but never joins two records into one person.
  package static func merges(_ detector: String) -> Bool {
    rankOf[detector] != nil && detector != "us_bank_routing"
  }

  /// Contact values can be shared (a team mailbox, a switchboard, a manager's address on every
  /// row): they join records only while few different names stand beside them.
  package static func isContact(_ detector: String) -> Bool {
    detector == "email_address" || detector == "phone_number"
  }

  /// A contact value linked to this many different names is shared, not one person's.
  package static let sharedContactNames = 3

  /// Provider identifiers (a physician's NPI, DEA number) name the doctor, not the patient.
  static let providerIDs: Set<String> = ["us_npi", "us_dea"]

  /// Categories whose values belong to a person; the password is a person's credential too.
  static let personalCategories: Set<String> = ["national_id", "financial", "contact", "personal", "medical"]

  /// Whether a finding belongs to a record's person (document classes, judged over a whole item,
  /// do not).
  package static func isPersonal(detector: String, category: String, wholeItem: Bool) -> Bool {
    guard !wholeItem, !providerIDs.contains(detector) else { return false }
    return personalCategories.contains(category) || detector == "password"
  }

  /// The detector names are reported under.
  package static let name = "person_name"
  /// The document class of protected health information: a named person in such a document has
  /// medical data exposed.
  package static let phiDocument = "phi"
}
