#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
package import BlastRadiusBase

/// How urgently a file must be locked down: what it holds (weights per data element), how many
/// people it exposes, and who can read it. The formula and weights are documented in
/// docs/risk-score.md; the numbers are a ranking, not a probability.
package enum RiskScore {
  /// Weight of each data element: what its exposure lets someone do to a person or the company.
  static let weights: [String: Double] = [
    "us_ssn": 10, "us_itin": 9, "us_passport": 8, "us_drivers_license": 8,
    "payment_card": 8, "iban": 6, "us_bank_routing": 5,
    "us_mbi": 8, "medical_record_number": 7, "health_plan_id": 7, "icd10_code": 5, "phi": 6,
    "us_npi": 1, "us_dea": 2,
    "date_of_birth": 3, "person_name": 1, "email_address": 1, "phone_number": 1,
    "password": 8, "private_key": 9, "credential_file": 8, "url_credentials": 8, "password_hash": 5,
    "hr_compensation": 3, "hr_performance": 3, "hr_medical_leave": 4, "hr_background_check": 4,
    "confidential_marking": 1, "privileged_legal": 3,
  ]
  /// Any other credential (vendor tokens, keys): a live secret.
  static let otherCredential = 7.0
  /// Anything else (user rules).
  static let otherElement = 2.0

  package static func weight(detector: String, category: String) -> Double {
    weights[detector] ?? (category == "credential" ? otherCredential : otherElement)
  }

  /// Exposure of a file on disk: everyone on the machine, its group, or its owner only; a file
  /// whose owner has no account belongs to nobody who will notice it.
  package static func exposure(_ facts: FileFacts?) -> Double {
    guard let facts else { return 1 }
    var factor = facts.worldReadable ? 3 : facts.groupReadable ? 1.5 : 1
    if facts.owner == nil { factor *= 1.25 }
    return factor
  }

  /// The score: element weights summed, times (1 + log2(1 + people)), times exposure, to one decimal.
  package static func score(elementWeight: Double, people: Int, exposure: Double) -> Double {
    let volume = 1 + log2(1 + Double(people))
    return (elementWeight * volume * exposure * 10).rounded() / 10
  }
}
