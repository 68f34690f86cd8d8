import Foundation
import Testing

@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusMatch
@testable import BlastRadiusReport
@testable import BlastRadiusWalk

/// Compiled databases kept between runs load back and match exactly as compiled ones do.
struct VectorscanCacheTests {
  func matches(_ db: VectorscanDatabase, _ text: String) throws -> [String] {
    let list = MatchList()
    let scratch = try db.makeScratch()
    try Array(text.utf8).withUnsafeBytes { try db.scan($0, scratch: scratch, into: list) }
    return (0..<list.count).map { "\(list[$0].id)@\(list[$0].end)" }
  }

  @Test func aStoredDatabaseLoadsBackAndMatchesTheSame() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("br-hs-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let cache = VectorscanCache(directory: dir)
    let patterns = [VectorscanPattern("ghp_", id: 0), VectorscanPattern("password", id: 1, caseless: true)]
    #expect(cache.load(patterns) == nil)
    let compiled = try VectorscanDatabase(patterns: patterns, cache: cache)
    let file = cache.path(for: patterns)
    #expect(FileManager.default.fileExists(atPath: file))
    #expect(cache.load(patterns) != nil)
    let loaded = try VectorscanDatabase(patterns: patterns, cache: cache)
    let text = "PASSWORD=x token ghp_abc password"
    #expect(try matches(loaded, text) == matches(compiled, text))
    #expect(try matches(loaded, text) == ["1@8", "0@21", "1@33"])
    // Other flags are another database.
    #expect(cache.path(for: [VectorscanPattern("ghp_", id: 0, caseless: true), patterns[1]]) != file)
    // A damaged file is compiled again and replaced.
    try Data("not a database".utf8).write(to: URL(fileURLWithPath: file))
    #expect(cache.load(patterns) == nil)
    #expect(
      try matches(VectorscanDatabase(patterns: patterns, cache: cache), text) == ["1@8", "0@21", "1@33"])
    #expect(cache.load(patterns) != nil)
  }
}
