package import BlastRadiusBase

/// The words that name a `LabelClass`, matched case-insensitively on word boundaries.
package enum LabelLexicon {
  package static let entries: [(phrase: String, label: LabelClass)] = [
    ("ssn", .ssn), ("ssns", .ssn), ("ss#", .ssn), ("ss #", .ssn), ("ss no", .ssn),
    ("social security", .ssn), ("soc sec", .ssn), ("socsec", .ssn), ("social_security", .ssn),
    ("itin", .itin), ("taxpayer id", .itin), ("taxpayer identification", .itin), ("tax id", .itin),
    ("dob", .dateOfBirth), ("d.o.b", .dateOfBirth), ("date of birth", .dateOfBirth),
    ("birth date", .dateOfBirth), ("birthdate", .dateOfBirth), ("birth_date", .dateOfBirth),
    ("date_of_birth", .dateOfBirth), ("birthday", .dateOfBirth), ("born", .dateOfBirth),
    ("birth", .dateOfBirth),
    ("passport", .passport),
    ("driver's license", .driversLicense), ("drivers license", .driversLicense),
    ("driver license", .driversLicense), ("driver's licence", .driversLicense),
    ("drivers_license", .driversLicense), ("driver_license", .driversLicense),
    ("dl#", .driversLicense), ("dl #", .driversLicense), ("dl no", .driversLicense),
    ("dln", .driversLicense), ("license number", .driversLicense), ("licence number", .driversLicense),
    ("routing", .bankRouting), ("aba", .bankRouting), ("rtn", .bankRouting),
    ("account", .bankAccount), ("acct", .bankAccount),
    ("card", .card), ("credit card", .card), ("card number", .card), ("cc#", .card), ("ccn", .card),
    ("phone", .phone), ("telephone", .phone), ("tel", .phone), ("mobile", .phone), ("cell", .phone),
    ("fax", .phone),
    ("email", .email), ("e-mail", .email),
    ("iban", .iban),
    ("invoice", .invoice), ("inv#", .invoice),
    ("order", .order), ("order_id", .order), ("po#", .order),
    ("zip", .zip), ("zipcode", .zip), ("postal", .zip),
    ("tracking", .tracking), ("reference", .reference), ("ref#", .reference),
    ("transaction", .transaction), ("txn", .transaction), ("ticket", .ticket),
    ("employee id", .employeeId), ("employee_id", .employeeId), ("emp id", .employeeId),
    ("customer id", .customerId), ("customer_id", .customerId),
    ("request id", .request), ("request_id", .request),
    ("password", .password), ("passwd", .password), ("pwd", .password), ("passphrase", .password),
    ("pass", .password), ("passcode", .password),
    ("mrn", .medicalRecord), ("medical record", .medicalRecord), ("medical record number", .medicalRecord),
    ("medical_record_number", .medicalRecord), ("patient id", .medicalRecord), ("patient_id", .medicalRecord),
    ("chart number", .medicalRecord),
    ("npi", .npi), ("national provider", .npi),
    ("dea", .dea), ("dea#", .dea), ("dea number", .dea), ("dea registration", .dea),
    ("member id", .healthPlan), ("member_id", .healthPlan), ("memberid", .healthPlan),
    ("subscriber id", .healthPlan), ("subscriber_id", .healthPlan), ("health plan", .healthPlan),
    ("insurance id", .healthPlan), ("policy number", .healthPlan), ("plan id", .healthPlan),
    ("diagnosis", .diagnosis), ("diagnoses", .diagnosis), ("dx", .diagnosis), ("icd", .diagnosis),
    ("icd10", .diagnosis), ("icd-10", .diagnosis), ("icd_10", .diagnosis), ("diagnosis code", .diagnosis),
    ("mbi", .medicare), ("medicare", .medicare), ("medicare id", .medicare), ("medicare number", .medicare),
    ("beneficiary id", .medicare),
    ("name", .name), ("full name", .name), ("full_name", .name), ("fullname", .name),
    ("employee name", .name), ("employee_name", .name), ("patient name", .name), ("customer name", .name),
    ("cardholder", .name), ("cardholder name", .name), ("account holder", .name), ("member name", .name),
    ("insured name", .name), ("patient", .name), ("employee", .name),
    ("first name", .firstName), ("first_name", .firstName), ("firstname", .firstName),
    ("given name", .firstName),
    ("last name", .lastName), ("last_name", .lastName), ("lastname", .lastName), ("surname", .lastName),
    ("family name", .lastName),
    ("username", .username), ("user name", .username), ("user_name", .username), ("user", .username),
    ("login", .username), ("userid", .username), ("user id", .username), ("user_id", .username),
  ]

  /// Classes named in `text` (a header cell or JSON key), longest phrase first.
  package static func classify<C: Collection<UInt8>>(_ text: C) -> LabelClass? {
    let lowered = text.map(ASCII.lower)
    var best: (length: Int, label: LabelClass)?
    for (phrase, label) in entries {
      let p = Array(phrase.utf8)
      guard p.count <= lowered.count, p.count > (best?.length ?? 0) else { continue }
      var i = 0
      while i + p.count <= lowered.count {
        if lowered[i..<(i + p.count)].elementsEqual(p),
          isBoundary(lowered, start: i, end: i + p.count)
        {
          best = (p.count, label)
          break
        }
        i += 1
      }
    }
    return best?.label
  }

  /// A phrase counts only as a whole word: `ssn` in `user_ssn` yes, in `classname` no.
  package static func isBoundary(_ text: [UInt8], start: Int, end: Int) -> Bool {
    let before = start > 0 ? text[start - 1] : 0x20
    let after = end < text.count ? text[end] : 0x20
    return !ASCII.isAlnum(before) && !ASCII.isAlnum(after)
  }
}
