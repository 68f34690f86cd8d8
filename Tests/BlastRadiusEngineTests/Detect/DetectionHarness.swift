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

/// Runs the built-in detectors over one in-memory text, as the scanner does for one chunk that
/// is the whole file, and returns what was found as `detector=value` strings.
enum DetectionHarness {
  static let detectors = try! DetectorSet.builtin()

  struct Hit: Hashable, CustomStringConvertible {
    var detector: String
    var value: String
    var confidence: Confidence
    var description: String { "\(detector)=\(value)@\(confidence)" }
  }

  /// A finding at any confidence, with its reasons as the output spells them.
  struct Finding: CustomStringConvertible {
    var hit: Hit
    var reasons: [String]
    var description: String { "\(hit) [\(reasons.joined(separator: ","))]" }
  }

  /// Every finding, low confidence included. Label phrases are matched both ways the analyzer
  /// can (their own pass within spans, and one pass with the patterns), which must agree.
  static func findings(_ text: String, header: Bool = true) -> [Finding] {
    let separate = findings(text, header: header, labelPass: .separate)
    let combined = findings(text, header: header, labelPass: .combined)
    #expect(separate.map(\.description) == combined.map(\.description), "label passes disagree on \(text)")
    return separate
  }

  static func findings(_ text: String, header: Bool, labelPass: ChunkAnalyzer.LabelPass) -> [Finding] {
    var bytes: [UInt8] = [ASCII.newline]
    bytes += Array(text.utf8)
    bytes.append(ASCII.newline)
    let analyzer = try! ChunkAnalyzer(detectors: detectors)
    analyzer.labelPass = labelPass
    return bytes.withUnsafeBytes { buffer in
      let data = UnsafeRawBufferPointer(rebasing: buffer[1..<(buffer.count - 1)])
      let window = ChunkAnalyzer.Window(
        from: 1, to: buffer.count - 1,
        header: header ? DelimitedHeader.detect(data) : nil, headerLineStart: 1)
      let raw = try! analyzer.analyze(buffer, window)
      return raw.map {
        Finding(
          hit: Hit(
            detector: detectors.specs[$0.detector].id,
            value: String(decoding: buffer[$0.start..<($0.start + $0.length)], as: UTF8.self),
            confidence: $0.confidence),
          reasons: $0.reasons.map(\.text))
      }
    }
  }

  static func detect(_ text: String, header: Bool = true, minimum: Confidence = .medium) -> Set<Hit> {
    Set(findings(text, header: header).map(\.hit).filter { $0.confidence >= minimum })
  }

  static func values(_ text: String, minimum: Confidence = .medium) -> Set<String> {
    Set(detect(text, minimum: minimum).map { "\($0.detector)=\($0.value)" })
  }
}
