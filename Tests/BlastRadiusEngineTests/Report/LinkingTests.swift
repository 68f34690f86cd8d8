import Testing
@testable import BlastRadiusAggregate
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusMatch
@testable import BlastRadiusReport
@testable import BlastRadiusScan

/// An entry whose fingerprint is its name in the test, masked as `*fp`.
private func e(_ detector: String, _ offset: Int, _ fp: String) -> RecordEntry {
  RecordEntry(
    detector: detector, offset: offset, fingerprint: fp, masked: "*" + fp,
    value: detector == "person_name" ? "Raw " + fp : nil)
}

/// How one record is split between the people it names.
struct RecordLinkerTests {
  func describe(_ linked: [RecordLinker.Linked]) -> [String] {
    linked.map {
      ($0.name?.fingerprint ?? "-") + ":" + $0.values.map(\.fingerprint).joined(separator: ",")
        + ($0.loginWithPassword ? " login" : "")
    }
  }

  @Test func twoPeopleInOneRow() {
    // name, ssn, spouse_name, spouse_ssn
    let row = [
      e("person_name", 0, "jane"), e("us_ssn", 9, "s1"), e("person_name", 21, "john"), e("us_ssn", 30, "s2"),
    ]
    #expect(describe(RecordLinker.link(row)) == ["jane:s1", "john:s2"])
    // Order in the log does not matter: offsets do.
    #expect(describe(RecordLinker.link(row.reversed())) == ["jane:s1", "john:s2"])
  }

  @Test func valuesBeforeTheFirstNameGoToIt() {
    #expect(
      describe(
        RecordLinker.link([e("us_ssn", 0, "s1"), e("email_address", 12, "m1"), e("person_name", 30, "ann")]))
        == ["ann:s1,m1"])
  }

  @Test func namelessRecordsAreSplitByTheirStrongestIdentifier() {
    #expect(describe(RecordLinker.link([e("us_ssn", 0, "s1"), e("email_address", 12, "m1")])) == ["-:s1,m1"])
    let two = [
      e("us_ssn", 0, "s1"), e("phone_number", 12, "p1"), e("us_ssn", 30, "s2"), e("phone_number", 42, "p2"),
    ]
    #expect(describe(RecordLinker.link(two)) == ["-:s1,p1", "-:s2,p2"])
    // The same SSN twice is one person.
    #expect(describe(RecordLinker.link([e("us_ssn", 0, "s1"), e("us_ssn", 20, "s1")])) == ["-:s1"])
  }

  @Test func dataThatNamesNobody() {
    #expect(RecordLinker.link([e("date_of_birth", 0, "d1")]).isEmpty)
    #expect(RecordLinker.link([e("password", 0, "pw")]).isEmpty)
    #expect(RecordLinker.link([e("person_name", 0, "ann")]).isEmpty)
    #expect(
      describe(RecordLinker.link([e("person_name", 0, "ann"), e("date_of_birth", 9, "d1")])) == ["ann:d1"])
  }

  @Test func theSameNameTwiceInAParagraphIsOnePerson() {
    let memo = [
      e("person_name", 5, "mary"), e("us_ssn", 30, "s1"), e("person_name", 60, "mary"),
      e("medical_record_number", 80, "mrn"),
    ]
    #expect(describe(RecordLinker.link(memo)) == ["mary:s1,mrn"])
  }

  @Test func aPasswordWithALoginInItsRecord() {
    #expect(
      describe(RecordLinker.link([e("email_address", 0, "m1"), e("password", 30, "pw")])) == ["-:m1,pw login"]
    )
    #expect(describe(RecordLinker.link([e("person_name", 0, "bob"), e("password", 30, "pw")])) == ["bob:pw"])
  }
}

/// People across records and files: merged on shared identifiers, never on names alone.
struct PeopleIndexTests {
  func people(
    _ records: [(file: Int32, entries: [RecordEntry])], files: Int = 60, phi: Bool = false,
    keepNames: Bool = false
  ) -> [Person] {
    var index = PeopleIndex(keepNames: keepNames)
    for r in records { index.add(record: r.entries, file: r.file, inPHIDocument: phi) }
    let paths = (0..<files).map { "share/f" + ($0 < 10 ? "0" : "") + String($0) }
    return index.finish(filePaths: paths).people
  }

  @Test func theSamePersonInFiftyFilesCountsOnce() {
    let records = (0..<50).map { (Int32(49 - $0), [e("person_name", 0, "jane"), e("us_ssn", 9, "s1")]) }
    let found = people(records)
    #expect(found.count == 1)
    #expect(found[0].fileCount == 50)
    #expect(found[0].firstFile == "share/f00")
    #expect(found[0].key == "s1")
    #expect(found[0].maskedName == "*jane")
    #expect(found[0].name == nil)
    #expect(found[0].triggers == [.nameSSN])
  }

  @Test func rawNamesOnlyWhenKept() {
    let found = people([(0, [e("person_name", 0, "jane"), e("us_ssn", 9, "s1")])], keepNames: true)
    #expect(found[0].name == "Raw jane")
  }

  @Test func twoPeopleInOneRowStayTwo() {
    let row = [
      e("person_name", 0, "jane"), e("us_ssn", 9, "s1"), e("person_name", 21, "john"), e("us_ssn", 30, "s2"),
    ]
    let found = people([(0, row), (1, row)])
    #expect(found.map(\.key) == ["s1", "s2"])
    #expect(found.allSatisfy { $0.fileCount == 2 })
  }

  @Test func aPersonWithAnSSNOnly() {
    let found = people([(0, [e("us_ssn", 0, "s1")]), (3, [e("us_ssn", 40, "s1")])])
    #expect(found.count == 1)
    #expect(found[0].maskedName == nil)
    #expect(found[0].keyDetector == "us_ssn")
    #expect(found[0].triggers == [.idWithoutName])
    #expect(found[0].fileCount == 2)
  }

  @Test func mergedThroughASharedEmail() {
    // An HR row with the SSN, and a card list that gives the name differently but the same email.
    let found = people([
      (1, [e("person_name", 0, "jane roe"), e("us_ssn", 9, "s1"), e("email_address", 21, "m1")]),
      (0, [e("person_name", 0, "j roe"), e("email_address", 9, "m1"), e("payment_card", 30, "c1")]),
    ])
    #expect(found.count == 1)
    #expect(found[0].key == "s1")
    #expect(found[0].identifiers.map(\.detector) == ["us_ssn", "payment_card", "email_address"])
    #expect(found[0].triggers == [.nameSSN, .namePaymentCard])
    #expect(found[0].firstFile == "share/f00")
  }

  @Test func neverMergedOnNamesAlone() {
    let found = people([
      (0, [e("person_name", 0, "john smith"), e("us_ssn", 9, "s1")]),
      (1, [e("person_name", 0, "john smith"), e("us_ssn", 9, "s2")]),
      (2, [e("person_name", 0, "john smith"), e("icd10_code", 9, "i1")]),
    ])
    #expect(found.count == 3)
  }

  @Test func sharedMailboxesAndRoutingNumbersDoNotMerge() {
    // hr@ beside three employees, and one bank's routing number on every direct-deposit row.
    let rows = ["a", "b", "c"].map { n in
      (
        Int32(0),
        [
          e("person_name", 0, n), e("us_ssn", 9, "s" + n), e("email_address", 21, "hr"),
          e("us_bank_routing", 40, "bank"),
        ]
      )
    }
    let found = people(rows)
    #expect(found.count == 3)
    #expect(found.allSatisfy { $0.triggers == [.nameSSN, .nameFinancialAccount] })
    // Two names beside one address may be one person's variants: they still merge.
    let variants = people([
      (0, [e("person_name", 0, "jane roe"), e("email_address", 9, "m1")]),
      (1, [e("person_name", 0, "jane a roe"), e("email_address", 9, "m1")]),
    ])
    #expect(variants.count == 1)
  }

  @Test func namedPeopleInAHealthDocumentHaveMedicalData() {
    let found = people(
      [(0, [e("person_name", 0, "pat"), e("date_of_birth", 9, "d1")]), (0, [e("us_ssn", 40, "s9")])],
      phi: true)
    #expect(found.map(\.triggers) == [[.nameMedical], [.idWithoutName]])
    #expect(found[0].elements == ["date_of_birth", "person_name", "phi"])
  }
}

/// Which combinations are notification triggers (docs/notification-triggers.md).
struct NotificationTriggerTests {
  func triggers(_ elements: Set<String>, named: Bool = true, login: Bool = false) -> [String] {
    NotificationTrigger.evaluate(elements: elements, named: named, loginWithPassword: login).map(\.rawValue)
  }

  @Test func nameWithEachElement() {
    #expect(triggers(["us_ssn"]) == ["name+ssn"])
    #expect(triggers(["us_itin"]) == ["name+tax_id"])
    #expect(triggers(["us_drivers_license"]) == ["name+drivers_license"])
    #expect(triggers(["us_passport"]) == ["passport"])
    #expect(triggers(["iban"]) == ["name+financial_account"])
    #expect(triggers(["us_bank_routing"]) == ["name+financial_account"])
    #expect(triggers(["payment_card"]) == ["name+payment_card"])
    #expect(triggers(["medical_record_number"]) == ["name+medical"])
    #expect(triggers(["icd10_code"]) == ["name+medical"])
    #expect(triggers(["phi"]) == ["name+medical"])
    #expect(triggers(["health_plan_id"]) == ["name+health_insurance"])
    #expect(triggers(["us_mbi"]) == ["name+health_insurance"])
    #expect(
      triggers(["us_ssn", "payment_card", "us_mbi"]) == [
        "name+ssn", "name+payment_card", "name+health_insurance",
      ])
  }

  @Test func notTriggersAlone() {
    // A date of birth, an email or a phone number with a name is personal data, not a trigger.
    #expect(triggers(["date_of_birth", "email_address", "phone_number", "person_name"]) == [])
    // Provider ids name the doctor.
    #expect(triggers(["us_npi", "us_dea"]) == [])
    // Without a name, only government ids (some states), and a login with its password.
    #expect(triggers(["payment_card", "medical_record_number"], named: false) == [])
    #expect(triggers(["us_ssn"], named: false) == ["id_without_name"])
    #expect(triggers(["us_drivers_license"], named: false) == ["id_without_name"])
    #expect(triggers(["email_address", "password"], named: false, login: true) == ["login+password"])
    #expect(triggers(["password"], named: true, login: false) == [])
  }

  @Test func hipaaCountsHealthTriggers() {
    #expect(NotificationTrigger.health == [.nameMedical, .nameHealthInsurance])
    #expect(NotificationTrigger.hipaaThreshold == 500)
  }
}
