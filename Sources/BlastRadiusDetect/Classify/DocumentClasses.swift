/// The built-in document classes (categories `hr`, `confidential`, `medical`), as data.
package enum DocumentClasses {
  package static var all: [DetectorSpec] {
    [compensation, performance, medicalLeave, backgroundCheck, confidential, privileged, phi]
  }

  static func spec(_ id: String, _ category: String, _ summary: String, _ rule: DocumentClass) -> DetectorSpec
  {
    var spec = DetectorSpec(
      id: id, category: category, summary: summary,
      example: "evidence: " + rule.terms.prefix(2).joined(separator: ", "),
      validate: { _ in nil })
    spec.documentClass = rule
    return spec
  }

  static let compensation = spec(
    "hr_compensation", "hr",
    "Compensation records: salary, bonus, pay rate, payroll terms (two different terms, three mentions).",
    DocumentClass(
      terms: [
        "salary", "salaries", "base pay", "base salary", "annual pay", "pay rate", "hourly rate",
        "compensation",
        "bonus", "bonuses", "merit increase", "pay grade", "payroll", "stock options", "equity grant",
        "commission", "wage", "wages", "pay raise",
      ],
      minDistinct: 2, minTotal: 3))

  static let performance = spec(
    "hr_performance", "hr",
    "Performance and discipline: improvement plans, warnings, disciplinary action, termination.",
    DocumentClass(
      terms: [
        "performance improvement plan", "performance review", "performance evaluation", "written warning",
        "final warning", "verbal warning", "disciplinary", "disciplinary action", "termination", "terminated",
        "probation", "probationary", "misconduct", "corrective action", "underperformance",
      ],
      strong: ["performance improvement plan", "written warning", "final warning", "disciplinary action"],
      minDistinct: 2, minTotal: 2))

  static let medicalLeave = spec(
    "hr_medical_leave", "hr",
    "Medical leave: FMLA, disability, leave of absence, workers' compensation, accommodation.",
    DocumentClass(
      terms: [
        "fmla", "family and medical leave", "medical leave", "leave of absence", "short-term disability",
        "long-term disability", "workers' compensation", "workers compensation", "return to work",
        "reasonable accommodation",
      ],
      strong: ["fmla", "family and medical leave"],
      minDistinct: 2, minTotal: 2))

  static let backgroundCheck = spec(
    "hr_background_check", "hr",
    "Background checks: criminal history, credit checks, drug screening, FCRA consumer reports.",
    DocumentClass(
      terms: [
        "background check", "background screening", "criminal record", "criminal history", "credit check",
        "drug test", "drug screening", "conviction", "fcra", "consumer report", "adverse action",
      ],
      strong: ["background check", "criminal history", "criminal record"],
      minDistinct: 2, minTotal: 2))

  static let confidential = spec(
    "confidential_marking", "confidential",
    "Confidentiality markings: confidential, do not distribute, internal use only, proprietary.",
    DocumentClass(
      terms: [
        "confidential", "strictly confidential", "do not distribute", "do not forward", "internal use only",
        "not for distribution", "proprietary and confidential", "company confidential",
      ],
      strong: [
        "strictly confidential", "do not distribute", "internal use only", "not for distribution",
        "proprietary and confidential", "company confidential",
      ],
      minDistinct: 1, minTotal: 2))

  static let privileged = spec(
    "privileged_legal", "confidential",
    "Legal privilege: attorney-client privileged communications, attorney work product, litigation holds.",
    DocumentClass(
      terms: [
        "attorney-client privileged", "attorney-client privilege", "attorney client privilege",
        "privileged and confidential", "attorney work product", "legal hold", "litigation hold",
      ],
      strong: [
        "attorney-client privileged", "attorney-client privilege", "attorney client privilege",
        "privileged and confidential", "attorney work product",
      ],
      minDistinct: 2, minTotal: 2))

  static let phi = spec(
    "phi", "medical",
    "Protected health information: a document with a person's identifiers (SSN, date of birth, MRN, member or Medicare id) and medical terms together.",
    DocumentClass(
      terms: [
        "patient", "diagnosis", "diagnosed", "prescription", "prescribed", "medication", "treatment",
        "physician", "hospital", "clinic", "medical history", "lab results", "blood pressure", "therapy",
        "surgery", "symptoms", "allergies", "hipaa", "protected health information", "admitted", "discharge",
      ],
      minDistinct: 2, minTotal: 2,
      needs: ["national_id", "personal", "medical_record_number", "health_plan_id", "us_mbi"]))
}
