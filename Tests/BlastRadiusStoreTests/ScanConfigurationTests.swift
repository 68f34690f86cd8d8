import Testing
import BlastRadiusDetect
import BlastRadiusScan
import BlastRadiusStore

/// A store reuses a file's result only under the same configuration hash, so every option that
/// changes what a file yields must change the hash, and walking options must not.
@Suite struct ScanConfigurationTests {
  static let detectors = try! DetectorSet.builtin(only: [], except: [], extra: [])

  static func hash(_ change: (inout ScanOptions) -> Void = { _ in }) throws -> String {
    var options = ScanOptions(roots: ["/share"], jobs: 1, key: [UInt8](repeating: 7, count: 32))
    change(&options)
    return try ScanConfiguration(
      roots: ["/share"], options: options, detectors: detectors, ruleFiles: [], valuesKept: false
    ).hash
  }

  @Test func readingOptionsChangeTheHash() throws {
    let base = try Self.hash()
    #expect(try Self.hash() == base)
    let changed: [(String, (inout ScanOptions) -> Void)] = [
      ("ocr", { $0.ocr = true }),
      ("max image pixels", { $0.limits.maxImagePixels = 1_000 }),
      ("ocr timeout", { $0.limits.ocrSecondsPerPage = 5 }),
      ("max depth", { $0.limits.maxDepth = 2 }),
      ("binary", { $0.scanBinary = true }),
      ("key", { $0.key = [UInt8](repeating: 8, count: 32) }),
    ]
    var seen: Set<String> = [base]
    for (name, change) in changed {
      let hash = try Self.hash(change)
      #expect(seen.insert(hash).inserted, "\(name) left the configuration hash unchanged")
    }
  }

  @Test func walkingOptionsKeepTheHash() throws {
    let base = try Self.hash()
    #expect(try Self.hash { $0.jobs = 2 } == base)
  }
}
