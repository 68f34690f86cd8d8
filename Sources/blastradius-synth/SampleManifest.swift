import Foundation

/// The planted truth end-to-end tests assert against: per detector the occurrences and distinct canonical values, and
/// per file the occurrences of each detector (zeros included, so "no finding here" is stated, not implied).
struct SampleManifest: Encodable {
  struct Count: Encodable {
    var total: Int
    var unique: Int
  }

  var seed: UInt64
  var detectors: [String: Count]
  var files: [String: [String: Int]]

  func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(self)
    data.append(0x0A)
    return data
  }
}
