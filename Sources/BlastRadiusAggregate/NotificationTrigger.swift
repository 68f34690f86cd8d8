/// The combinations of data that oblige a breached organisation to notify a person under US
/// state breach laws (and HIPAA for health data). The rule behind each, with the statutes it
/// follows, is in docs/notification-triggers.md; ids are part of the report's contract.
public enum NotificationTrigger: String, CaseIterable, Sendable, Comparable {
  case nameSSN = "name+ssn"
  case nameTaxID = "name+tax_id"
  case nameDriversLicense = "name+drivers_license"
  case passport = "passport"
  case nameFinancialAccount = "name+financial_account"
  case namePaymentCard = "name+payment_card"
  case nameMedical = "name+medical"
  case nameHealthInsurance = "name+health_insurance"
  case loginPassword = "login+password"
  case idWithoutName = "id_without_name"

  /// What the trigger means, for people who do not read ids.
  package var title: String {
    switch self {
    case .nameSSN: "Name and Social Security number"
    case .nameTaxID: "Name and taxpayer id (ITIN)"
    case .nameDriversLicense: "Name and driver's licence number"
    case .passport: "Name and passport number"
    case .nameFinancialAccount: "Name and bank account data (routing number, IBAN)"
    case .namePaymentCard: "Name and payment card number"
    case .nameMedical: "Name and medical information"
    case .nameHealthInsurance: "Name and health insurance id"
    case .loginPassword: "Login (email) and password"
    case .idWithoutName: "Government id without a name"
    }
  }

  /// The data elements (detector ids) that, with a name, make the trigger.
  static let namedElements: [(NotificationTrigger, Set<String>)] = [
    (.nameSSN, ["us_ssn"]),
    (.nameTaxID, ["us_itin"]),
    (.nameDriversLicense, ["us_drivers_license"]),
    (.passport, ["us_passport"]),
    (.nameFinancialAccount, ["us_bank_routing", "iban"]),
    (.namePaymentCard, ["payment_card"]),
    (.nameMedical, ["medical_record_number", "icd10_code", PersonalData.phiDocument]),
    (.nameHealthInsurance, ["health_plan_id", "us_mbi"]),
  ]

  /// Government ids some states count even without the name, when they suffice for identity theft.
  static let idsAlone: Set<String> = ["us_ssn", "us_itin", "us_passport", "us_drivers_license"]

  /// Triggers under HIPAA's breach rule: health data with the person's name.
  package static let health: Set<NotificationTrigger> = [.nameMedical, .nameHealthInsurance]
  /// People with health data from whom on HHS must be told at once (45 CFR 164.408(b)).
  package static let hipaaThreshold = 500

  /// The triggers a person's exposed data meets.
  package static func evaluate(elements: Set<String>, named: Bool, loginWithPassword: Bool)
    -> [NotificationTrigger]
  {
    var out: [NotificationTrigger] = []
    if named {
      for (trigger, needs) in namedElements where !needs.isDisjoint(with: elements) { out.append(trigger) }
    } else if !idsAlone.isDisjoint(with: elements) {
      out.append(.idWithoutName)
    }
    if loginWithPassword { out.append(.loginPassword) }
    return out.sorted()
  }

  public static func < (a: NotificationTrigger, b: NotificationTrigger) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
