import Foundation
import Synchronization
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

/// Keeps what a snapshot run sends, in memory.
final class CollectingSink: SnapshotSink {
  let entries = Mutex<[EntryRecord]>([])
  let issues = Mutex<[ScanIssue]>([])
  let prior: [String: EntryRecord]

  init(prior: [EntryRecord] = []) {
    self.prior = Dictionary(uniqueKeysWithValues: prior.map { ($0.path, $0) })
  }

  func known(in dir: String, from first: String, through last: String) throws -> [String: EntryRecord] {
    var out: [String: EntryRecord] = [:]
    for e in prior.values where e.dir == dir && e.name >= first && e.name <= last { out[e.name] = e }
    return out
  }
  func write(_ batch: [EntryRecord]) throws { entries.withLock { $0 += batch } }
  func receive(_ issue: ScanIssue) { issues.withLock { $0.append(issue) } }
  var byName: [String: EntryRecord] {
    Dictionary(uniqueKeysWithValues: entries.withLock { $0 }.map { ($0.name, $0) })
  }
}

/// Snapshot walks on small trees: every entry once, files changed or deleted while read.
struct SnapshotTakerTests {
  static func tree(_ files: [String: Int]) throws -> String {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("br-snap-\(UUID().uuidString)")
    for (name, size) in files {
      let url = root.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(repeating: 0x61, count: size).write(to: url)
    }
    return root.path
  }

  @Test func everyEntryOnceWithTopFolders() throws {
    let root = try Self.tree(["a/x.txt": 10, "a/b/y.txt": 20, "z.txt": 0])
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createSymbolicLink(atPath: root + "/loop1", withDestinationPath: "loop2")
    try FileManager.default.createSymbolicLink(atPath: root + "/loop2", withDestinationPath: "loop1")
    let sink = CollectingSink()
    var options = SnapshotOptions(roots: [root], jobs: 2)
    options.batchSize = 2
    let (summary, failure) = SnapshotTaker(options: options, sink: sink).run()
    #expect(failure == nil)
    let byName = sink.byName
    #expect(
      Set(byName.keys) == [
        URL(fileURLWithPath: root).lastPathComponent, "a", "b", "x.txt", "y.txt", "z.txt", "loop1", "loop2",
      ])
    #expect(byName["y.txt"]!.top == root + "/a")
    #expect(byName["z.txt"]!.top == root + "/z.txt")
    #expect(byName["loop1"]!.kind == .symlink && byName["loop1"]!.target == "loop2")
    #expect(byName["z.txt"]!.content!.type == .empty)
    #expect(summary.files == 3 && summary.directories == 3 && summary.symlinks == 2 && summary.hashed == 3)
    #expect(sink.issues.withLock { $0 }.isEmpty)
  }

  @Test func fileDeletedWhileHashedIsAnIssueNotARecord() throws {
    let root = try Self.tree(["keep.bin": 100_000, "gone.bin": 100_000])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let sink = CollectingSink()
    var options = SnapshotOptions(roots: [root], jobs: 1)
    options.chunkSize = 16_384
    options.afterFirstChunk = { path in if path.hasSuffix("gone.bin") { unlink(path) } }
    let (summary, _) = SnapshotTaker(options: options, sink: sink).run()
    #expect(sink.byName["gone.bin"] == nil)
    #expect(sink.byName["keep.bin"]!.content != nil)
    #expect(
      sink.issues.withLock { $0 } == [
        ScanIssue(code: .notFound, message: "deleted while being hashed", path: root + "/gone.bin")
      ])
    #expect(summary.errorsByCode == ["not_found": 1])
  }

  @Test func fileTruncatedWhileHashedHasNoContent() throws {
    let root = try Self.tree(["shrinks.bin": 100_000])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let sink = CollectingSink()
    var options = SnapshotOptions(roots: [root], jobs: 1)
    options.chunkSize = 16_384
    options.afterFirstChunk = { path in truncate(path, 20_000) }
    _ = SnapshotTaker(options: options, sink: sink).run()
    #expect(sink.byName["shrinks.bin"]!.content == nil)
    #expect(sink.issues.withLock { $0 }.map(\.code) == [.changedWhileRead])
  }

  @Test func unchangedFilesKeepTheirHash() throws {
    let root = try Self.tree(["same.txt": 10, "new.txt": 10])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let first = CollectingSink()
    _ = SnapshotTaker(options: SnapshotOptions(roots: [root], jobs: 1), sink: first).run()
    // A stored hash that differs from the file's proves the file was not read again.
    var stored = first.byName["same.txt"]!
    stored.content!.sha256.word0 ^= 1
    let second = CollectingSink(prior: [stored])
    let (summary, _) = SnapshotTaker(options: SnapshotOptions(roots: [root], jobs: 1), sink: second).run()
    #expect(second.byName["same.txt"]!.content == stored.content)
    #expect(second.byName["new.txt"]!.content == first.byName["new.txt"]!.content)
    #expect(summary.reused == 1 && summary.hashed == 1)
  }
}
