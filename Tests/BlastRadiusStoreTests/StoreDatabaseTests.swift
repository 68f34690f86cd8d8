import BlastRadiusBase
import BlastRadiusIntegrity
import Foundation
import Testing
@testable import BlastRadiusStore

/// The store on its own: file mode, generations, and comparisons of hand-made snapshots.
struct StoreDatabaseTests {
  static func path() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("br-store-\(UUID().uuidString).db").path
  }

  /// Removes a store and the write-ahead log and shared memory files SQLite keeps beside it
  /// (left behind when the store itself goes first).
  static func remove(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
  }

  static func entry(_ dir: String, _ name: String, inode: UInt64, hash: UInt64? = nil, mtime: Int64 = 1)
    -> EntryRecord
  {
    var e = EntryRecord(
      dir: dir, name: name, top: dir, kind: hash == nil ? .directory : .file, mode: 0o644, uid: 0, gid: 0,
      device: 1,
      inode: inode, links: 1, size: hash == nil ? 0 : 100, mtime: mtime, ctime: 1)
    if let hash {
      e.content = ContentProfile(
        sha256: ContentDigest(word0: hash, word1: 2, word2: 3, word3: 4), entropy: 4, sampled: 100,
        type: .text, period: 0)
    }
    return e
  }

  static func record(_ db: StoreDatabase, _ label: String, _ entries: [EntryRecord], finish: Bool = true)
    throws -> Snapshot
  {
    let snapshot = try db.begin(label, roots: ["/t"])
    try db.recorder(for: snapshot, prior: nil).write(entries)
    return finish ? try db.finish(snapshot) : snapshot
  }

  static func changes(_ db: StoreDatabase, _ a: Snapshot, _ b: Snapshot) throws -> ([String], DiffSummary) {
    var summary = DiffSummary(baseline: a.label, entriesByTop: try db.entriesByTop(a), threshold: 5)
    var out: [String] = []
    try db.compare(from: a, to: b, summary: &summary) { c in
      out.append("\(c.changeClass.rawValue) \(c.before.map(\.path) ?? "-") \(c.after.map(\.path) ?? "-")")
    }
    return (out.sorted(), summary)
  }

  @Test func createdWithMode0600() throws {
    let path = Self.path()
    defer { Self.remove(path) }
    let db = try StoreDatabase(path: path, create: true)
    _ = try Self.record(db, "x", [Self.entry("/t", "a", inode: 1, hash: 1)])
    for suffix in ["", "-wal", "-shm"] where access(path + suffix, F_OK) == 0 {
      var st = stat()
      stat(path + suffix, &st)
      #expect(st.st_mode & 0o777 == 0o600, "\(suffix)")
    }
    let missing = Self.path()
    let error = #expect(throws: BlastRadiusError.self) { try StoreDatabase(path: missing, create: false) }
    #expect(error?.code == .storeMissing)
    #expect(error?.path == missing)
    #expect(
      error?.description
        == "\(missing): no store here: `blastradius baseline` or `blastradius scan --store` creates one")
  }

  @Test func aNewGenerationDropsWhatItDidNotSee() throws {
    let path = Self.path()
    defer { Self.remove(path) }
    let db = try StoreDatabase(path: path, create: true)
    _ = try Self.record(
      db, "b", [Self.entry("/t", "a", inode: 1, hash: 1), Self.entry("/t", "b", inode: 2, hash: 2)])
    let partial = try Self.record(db, "b", [Self.entry("/t", "a", inode: 1, hash: 1)], finish: false)
    #expect(try db.snapshot("b")!.complete == false)
    #expect(try db.snapshot("b")!.entries == 2)  // the old row stays until the run finishes
    let done = try db.finish(partial)
    #expect(done.complete && done.entries == 1 && done.generation == 2)
  }

  @Test func movesPairByInodeThenHashAndUnlistedFoldersAreNotRemoved() throws {
    let path = Self.path()
    defer { Self.remove(path) }
    let db = try StoreDatabase(path: path, create: true)
    let a = try Self.record(
      db, "a",
      [
        Self.entry("/t", "renamed", inode: 1, hash: 1), Self.entry("/t", "copied", inode: 2, hash: 2),
        Self.entry("/t", "gone", inode: 3, hash: 3), Self.entry("/t", "locked", inode: 4),
        Self.entry("/t/locked", "inside", inode: 5, hash: 5),
        Self.entry("/t/locked/deeper", "more", inode: 6, hash: 6),
      ])
    var locked = Self.entry("/t", "locked", inode: 4)
    locked.listed = false
    let b = try Self.record(
      db, "b",
      [
        Self.entry("/t", "renamed.2", inode: 1, hash: 1),
        Self.entry("/u", "copied", inode: 9, hash: 2, mtime: 5),
        Self.entry("/t", "new", inode: 3, hash: 7, mtime: 9), locked,
      ])
    let (changes, summary) = try Self.changes(db, a, b)
    #expect(
      changes == [
        "added - /t/new", "moved /t/copied /u/copied", "moved /t/renamed /t/renamed.2", "removed /t/gone -",
      ])
    #expect(summary.unverified == 2)
    #expect(summary.destructive == 1 && summary.baselineEntries == 6)
  }
}
