import Foundation
import Testing

/// Whole documents classified by the terms they use: HR records, markings, and PHI.
struct DocumentClassTests {
  static func docx(_ paragraphs: [String]) throws -> [UInt8] {
    let ct =
      #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#
    let body = paragraphs.map { #"<w:p><w:r><w:t xml:space="preserve">\#($0)</w:t></w:r></w:p>"# }.joined()
    let document =
      #"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\#(body)</w:body></w:document>"#
    return try ArchiveFixture.make(
      .zip,
      entries: [
        ("[Content_Types].xml", Array(ct.utf8)), ("word/document.xml", Array(document.utf8)),
      ])
  }

  /// `path detector confidence evidence`, evidence as `term=count` most frequent first.
  static func classes(_ fixture: Fixture, _ findings: [[String: Any]]) -> Set<String> {
    Set(
      findings.compactMap { f -> String? in
        guard let evidence = f["evidence"] as? [String: Int] else { return nil }
        let path = (f["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: "")
        let terms = evidence.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
          "\($0.key)=\($0.value)"
        }
        return "\(path) \(f["detector"]!) \(f["confidence"]!) " + terms.joined(separator: ",")
      })
  }

  @Test func hrRecordsMarkingsAndPHI() throws {
    let fixture = try Fixture()
    try fixture.write(
      "hr/jroe-pip.docx",
      try Self.docx([
        "CONFIDENTIAL - DO NOT DISTRIBUTE",
        "Performance Improvement Plan: Jane Roe",
        "This written warning follows the performance review of March. Failure to meet the plan may lead to termination.",
      ]))
    try fixture.write(
      "hr/comp-2014.txt",
      """
      2014 compensation review
      Base salary and bonus targets for the payroll team; salary bands attached.

      """)
    try fixture.write(
      "legal/memo.txt",
      """
      PRIVILEGED AND CONFIDENTIAL - ATTORNEY-CLIENT PRIVILEGED
      Re: litigation hold for the 2014 incident

      """)
    try fixture.write(
      "clinic/visit.txt",
      """
      Patient: Jane Roe   SSN: 123-45-6789
      Diagnosis: E11.9. Prescribed metformin; treatment reviewed by the physician.

      """)
    // `confidential` once, inside a privilege marking, is not a confidentiality marking of its
    // own; medical words with no one's identifiers, and one HR word in a log: no class.
    try fixture.write("news/letter.txt", "Our hospital opens a new clinic; every patient is welcome.\n")
    try fixture.write("logs/app.log", "2014-11-24 job 7 termination signal received\n")
    let result = try fixture.scan()
    #expect(
      Self.classes(fixture, result.findings) == [
        "hr/jroe-pip.docx hr_performance high performance improvement plan=1,performance review=1,termination=1,written warning=1",
        "hr/jroe-pip.docx confidential_marking high confidential=1,do not distribute=1",
        "hr/comp-2014.txt hr_compensation high salary=2,base salary=1,bonus=1,compensation=1,payroll=1",
        "legal/memo.txt privileged_legal high attorney-client privileged=1,litigation hold=1,privileged and confidential=1",
        "clinic/visit.txt phi high diagnosis=1,patient=1,physician=1,prescribed=1,treatment=1",
      ])
    // The classes count in the summary like any detector: one document each.
    let detectors = result.summary["detectors"] as! [String: [String: Int]]
    #expect(detectors["hr_performance"] == ["total": 1, "unique": 1])
    #expect(detectors["phi"] == ["total": 1, "unique": 1])
    // --only by category keeps the classes of that category.
    let hrOnly = try fixture.scan(["--only", "hr"])
    #expect(Set(hrOnly.findings.map { $0["detector"] as! String }) == ["hr_performance", "hr_compensation"])
  }
}
