import Foundation

/// The HR folder: the records a scanner most needs to catch, in the encodings and line endings real exports have.
extension SampleShareWriter {
  static let employeeHeader = "employee_id,name,ssn,date_of_birth,email,phone,department"

  /// A row of the HR exports; kept whole so an employee exported twice keeps the same id and department.
  struct Employee {
    var id: String
    var person: FakePerson
    var department: String
  }

  mutating func newEmployee() -> Employee {
    Employee(
      id: factory.number(digits: 6), person: factory.person(),
      department: factory.rng.pick(NameBank.departments))
  }

  mutating func writeEmployees(_ staff: [Employee]) throws {
    let file = "hr/employees.csv"
    var lines = [Self.employeeHeader]
    for employee in staff { lines.append(employeeRow(employee, file: file)) }
    try write(file, lines.joined(separator: "\n") + "\n")
  }

  /// A Windows export: CRLF endings, and a few employees repeated from employees.csv so unique < total.
  mutating func writeWindowsExport(repeating known: [Employee]) throws {
    let file = "hr/windows_export.csv"
    var lines = [Self.employeeHeader]
    for employee in known { lines.append(employeeRow(employee, file: file)) }
    for _ in known.count..<10 { lines.append(employeeRow(newEmployee(), file: file)) }
    try write(file, lines.joined(separator: "\r\n") + "\r\n")
  }

  /// Half the SSNs bare, half dashed: a header-only context is the hard case for bare nine-digit values.
  private mutating func employeeRow(_ employee: Employee, file: String) -> String {
    let person = employee.person
    let ssn = factory.rng.percent(50) ? person.ssn : ValueFormat.dashedSSN(person.ssn)
    let phone = ValueFormat.phone(person.phone, style: factory.rng.pick(ValueFormat.PhoneStyle.allCases))
    plant(.usSSN, ssn, in: file)
    plant(.dateOfBirth, person.dateOfBirth.iso, in: file)
    plant(.emailAddress, person.email, in: file)
    plant(.phoneNumber, phone, in: file)
    return [
      employee.id, person.fullName, ssn, person.dateOfBirth.usNumeric, person.email, phone,
      employee.department,
    ]
    .joined(separator: ",")
  }

  /// Offer letters: labelled values inside prose, plus a start date that is not a birth date.
  mutating func writeOfferLetters(count: Int) throws {
    for index in 1...count {
      let file = "hr/letters/offer_\(digits(index, 3)).txt"
      let person = factory.person()
      let ssn = ValueFormat.dashedSSN(person.ssn)
      plant(.usSSN, ssn, in: file)
      plant(.dateOfBirth, person.dateOfBirth.iso, in: file)
      let start = CivilDate(year: 2024, month: factory.rng.int(in: 2...11), day: factory.rng.int(in: 1...28))
      let salary = factory.rng.int(in: 55...160) * 1000 + factory.rng.pick([0, 250, 500, 750])
      let signer = "\(factory.rng.pick(NameBank.firstNames)) \(factory.rng.pick(NameBank.lastNames))"
      let text = """
        Northwind Analytics, Inc.
        Human Resources

        Dear \(person.fullName),

        We are pleased to offer you the position of \(factory.rng.pick(NameBank.jobTitles)) in our \
        \(factory.rng.pick(NameBank.departments)) department, starting on \(start.longForm). Your annual base \
        salary will be $\(salary / 1000),\(digits(salary % 1000, 3)), \
        paid every other Friday.

        This offer is contingent on the verification of your identity and eligibility to work. Please check the \
        details we have on file and tell us about any correction before your first day.

        Full name: \(person.fullName)
        Social Security Number: \(ssn)
        Date of birth: \(person.dateOfBirth.longForm)

        We look forward to working with you.

        Sincerely,
        \(signer)
        Human Resources

        """
      try write(file, text)
    }
  }

  /// UTF-16LE with a byte-order mark, as Windows tools save "Unicode" text; these employees also appear in
  /// employees.csv.
  mutating func writeBenefits(repeating known: [Employee]) throws {
    let file = "hr/benefits_utf16.txt"
    var lines = ["Benefits enrollment 2024 (synthetic)", ""]
    for person in known.map(\.person) {
      let ssn = ValueFormat.dashedSSN(person.ssn)
      plant(.usSSN, ssn, in: file)
      lines.append("Name: \(person.fullName)  SSN: \(ssn)  Plan: \(factory.rng.pick(["PPO", "HMO", "HDHP"]))")
    }
    var data = Data([0xFF, 0xFE])
    for unit in (lines.joined(separator: "\r\n") + "\r\n").utf16 {
      data.append(UInt8(truncatingIfNeeded: unit))
      data.append(UInt8(truncatingIfNeeded: unit >> 8))
    }
    try write(file, data)
  }
}
