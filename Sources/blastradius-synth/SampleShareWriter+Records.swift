/// The clinic's visit notes (a patient's identifiers with a diagnosis and medical terms: protected health
/// information) and the HR and legal documents the scanner recognises as a whole: an improvement plan, a bonus memo,
/// a plan marked confidential and a privileged memo.
extension SampleShareWriter {
  /// Letters a Medicare Beneficiary Identifier may use (no S, L, O, I, B or Z).
  static let mbiLetters = Array("ACDEFGHJKMNPQRTUVWXY")

  mutating func writeVisitNotes(count: Int) throws {
    for index in 1...count {
      let file = "benefits/clinic/visit_note_\(digits(index, 3)).txt"
      let person = factory.person()
      let ssn = ValueFormat.dashedSSN(person.ssn)
      let mrn = "NW" + factory.number(digits: 7)
      let mbi = medicareNumber()
      let code = factory.rng.pick(["E11.9", "I10", "J45.909", "M54.5", "F41.1"])
      let visit = CivilDate(year: 2024, month: factory.rng.int(in: 1...11), day: factory.rng.int(in: 1...28))
      let text = """
        Northwind Employee Health Clinic - Visit note (synthetic)

        Patient: \(person.fullName)
        Date of birth: \(person.dateOfBirth.longForm)
        SSN: \(ssn)
        MRN: \(mrn)
        Medicare number: \(mbi)
        Visit date: \(visit.longForm)

        Diagnosis: \(code)
        The patient reports symptoms for two weeks. Blood pressure taken at the visit; medication reviewed and \
        treatment continued. The physician prescribed a follow-up in six weeks.

        """
      try write(file, text)
      plant(.dateOfBirth, person.dateOfBirth.iso, in: file)
      plant(.usSSN, ssn, in: file)
      plant(.medicalRecordNumber, mrn, in: file)
      plant(.usMBI, mbi, in: file)
      plant(.icd10Code, code, in: file)
      plant(.phi, file, in: file)
    }
  }

  /// `1EG4-TE5-MK73`: digit (not 0), letter, either, digit, letter, either, digit, letter, letter, digit, digit.
  private mutating func medicareNumber() -> String {
    var written = ""
    for (index, kind) in "DLEDLEDLLDD".enumerated() {
      if index == 4 || index == 7 { written += "-" }
      let isDigit = kind == "D" || (kind == "E" && factory.rng.percent(50))
      written +=
        isDigit
        ? String(factory.rng.int(in: index == 0 ? 1...9 : 0...9)) : String(factory.rng.pick(Self.mbiLetters))
    }
    return written
  }

  mutating func writeHRDocuments() throws {
    let name = "\(factory.rng.pick(NameBank.firstNames)) \(factory.rng.pick(NameBank.lastNames))"
    try writeClassified(
      .hrPerformance, "hr/performance/improvement_plan_2024.txt",
      """
      Northwind Analytics, Inc. - Human Resources

      Dear \(name),

      This letter places you on a Performance Improvement Plan for the next 60 days. It follows your performance \
      review of March and the written warning you received in April. We will meet every two weeks to go over \
      the goals below. Failure to meet them may lead to further steps, up to termination.

      Goals: close open tickets within five days; attend every team stand-up.

      """)
    try writeClassified(
      .hrCompensation, "hr/compensation/2024_bonus_memo.txt",
      """
      Memo to department heads: 2024 bonus and merit increase round

      Bonus targets are 8% of base salary for staff and 15% for managers. Merit increase proposals are due by \
      November 15 and take effect in the first January payroll. Salary bands are attached.

      """)
    try writeClassified(
      .confidentialMarking, "hr/planning/reorganisation_2025.txt",
      """
      CONFIDENTIAL - DO NOT DISTRIBUTE

      Reorganisation plan for 2025: the analytics and reporting teams merge under one director in March. Team \
      leads will hear of the change at the offsite; announcements follow in April.

      """)
    try writeClassified(
      .privilegedLegal, "legal/memo_employee_claim.txt",
      """
      PRIVILEGED AND CONFIDENTIAL - ATTORNEY-CLIENT PRIVILEGED

      To: General Counsel
      Re: former employee claim, litigation hold

      Please keep every message and file about the claim until counsel lifts the litigation hold.

      """)
  }

  /// A document the scanner classifies as a whole: one finding of `documentClass`, whose value is the path.
  private mutating func writeClassified(_ documentClass: DetectorID, _ file: String, _ text: String) throws {
    try write(file, text)
    plant(documentClass, file, in: file)
  }
}
