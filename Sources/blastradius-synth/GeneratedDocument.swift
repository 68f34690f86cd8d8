/// One generated file: its bytes and how many SSN occurrences in it a scan at the default confidence must report.
struct GeneratedDocument {
  var bytes: [UInt8]
  var plantedSSN: Int
}
