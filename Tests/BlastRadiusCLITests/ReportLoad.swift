import Foundation

/// A synthetic scan log of any size for the report's size and speed checks: files of two records,
/// each a person with a name, SSN, email, date of birth and card (10 findings a file).
enum ReportLoad {
  static func people(findings: Int) -> Int { findings / 5 }

  static func hex(_ n: Int, _ salt: Int) -> String {
    var x = UInt64(n) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(salt) &* 0xBF58_476D_1CE4_E5B9
    var out = ""
    for _ in 0..<4 {
      x = (x ^ (x >> 31)) &* 0x94D0_49BB_1331_11EB
      let part = String(x, radix: 16)
      out += String(repeating: "0", count: 16 - part.count) + part
    }
    return out
  }

  static func write(findings: Int, to url: URL) throws {
    var text = ""
    text.reserveCapacity(findings * 330)
    let detectors: [(String, String, String)] = [
      ("person_name", "personal", "J. R."), ("us_ssn", "national_id", "***-**-6789"),
      ("email_address", "contact", "j***@example.com"),
      ("date_of_birth", "personal", "**/**/1980"), ("payment_card", "financial", "**** **** **** 1111"),
    ]
    var person = 0
    var file = 0
    while person * 5 < findings {
      let path = "/srv/share/dept\(file % 40)/team\(file % 7)/records-\(file).csv"
      for record in 0..<2 where person * 5 < findings {
        let start = 40 + record * 120
        for (k, d) in detectors.enumerated() {
          text +=
            #"{"kind":"finding","path":"\#(path)","within":[],"detector":"\#(d.0)","category":"\#(d.1)","confidence":"high","reasons":["column:x"],"line":\#(record + 2),"column":\#(1 + k * 20),"offset":\#(start + k * 20),"masked":"\#(d.2)","fingerprint":"\#(hex(person, k))","record":\#(start)}"#
          text += "\n"
        }
        person += 1
      }
      text +=
        #"{"kind":"file","path":"\#(path)","size":400,"mode":"0644","uid":1000,"gid":1000,"owner":"hr","world_readable":true,"findings":10}"#
      text += "\n"
      file += 1
    }
    text +=
      #"{"kind":"summary","complete":true,"files":\#(file),"bytes":\#(file * 400),"seconds":1.0,"findings":\#(findings),"errors":0,"errors_by_code":{},"skipped":{},"encodings":{"utf-8":\#(file)},"containers":{},"members":0,"documents":{},"detectors":{}}"#
    text += "\n"
    try text.write(to: url, atomically: false, encoding: .utf8)
  }
}
