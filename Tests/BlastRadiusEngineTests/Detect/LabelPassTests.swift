import Testing
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusMatch

/// Label phrases are matched only near numbers, in their own pass or in one pass with the
/// patterns (the harness runs both and compares them); the second must not read a label the
/// first would not look for.
struct LabelPassTests {
  /// Values without four digits in a row are still runs: their labels are looked for.
  @Test(arguments: [
    ("Driver's license: D12-345-678", "us_drivers_license=D12-345-678"),
    ("DL# 123 456 789", "us_drivers_license=123 456 789"),
  ])
  func labelsBeforeRunsAreRead(_ text: String, _ expected: String) {
    #expect(DetectionHarness.values(text) == [expected])
  }

  /// A label with no number near it is outside every span, in both passes.
  @Test func labelsFarFromNumbersAreNotRead() {
    let text = "Driver's license: " + String(repeating: "see the attached form; ", count: 12) + "D12-345-678"
    #expect(DetectionHarness.values(text) == [])
  }

  @Test func spansAreSearchedByEnd() {
    let spans = [10..<20, 30..<40]
    #expect(ChunkAnalyzer.isInside(12..<20, spans))
    #expect(ChunkAnalyzer.isInside(30..<31, spans))
    #expect(!ChunkAnalyzer.isInside(18..<22, spans))
    #expect(!ChunkAnalyzer.isInside(25..<30, spans))
    #expect(!ChunkAnalyzer.isInside(39..<41, spans))
    #expect(!ChunkAnalyzer.isInside(0..<5, []))
  }
}
