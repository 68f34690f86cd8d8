/// An employee export as CSV: `name,ssn,date_of_birth,email,phone` (or, as HR systems export it, with an id and a
/// department around them). Half the SSNs are dashed and half bare; all are in the `ssn` column, so all are
/// reported.
struct EmployeeCSVBuilder {
  var factory: FakeDataFactory

  init(factory: FakeDataFactory) {
    self.factory = factory
  }

  mutating func build(rows: Int, withIDs: Bool = false, lineEnding: String = "\n") -> GeneratedDocument {
    var lines = [
      withIDs
        ? "employee_id,name,ssn,date_of_birth,email,phone,department" : "name,ssn,date_of_birth,email,phone"
    ]
    lines.reserveCapacity(rows + 1)
    for _ in 0..<rows {
      let person = factory.person()
      let ssn = factory.rng.percent(50) ? person.ssn : ValueFormat.dashedSSN(person.ssn)
      let phone = ValueFormat.phone(person.phone, style: factory.rng.pick(ValueFormat.PhoneStyle.allCases))
      var fields = [person.fullName, ssn, person.dateOfBirth.usNumeric, person.email, phone]
      if withIDs {
        fields.insert(factory.number(digits: 6), at: 0)
        fields.append(factory.rng.pick(NameBank.departments))
      }
      lines.append(fields.joined(separator: ","))
    }
    return GeneratedDocument(
      bytes: Array((lines.joined(separator: lineEnding) + lineEnding).utf8), plantedSSN: rows)
  }
}
