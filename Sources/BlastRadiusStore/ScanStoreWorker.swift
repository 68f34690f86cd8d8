import Crypto
import Synchronization
import BlastRadiusBase
import BlastRadiusDetect
import BlastRadiusScan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One worker's side of a `ScanStore`: the records of the file it reads, then files done but not
/// yet committed. It commits in large transactions (many files, or about 8 MiB of records, or
/// after a second), each file's records with its "done" mark; a file with more records than fit
/// is sent in parts under a read that is marked complete only with its last part.
final class ScanStoreWorker: ScanSink {
  struct State {
    var current: PendingFile?
    var done: [PendingFile] = []
    var heldBytes = 0
    var lastCommit = MonotonicClock.now()
    /// Compresses this worker's blocks as they close.
    let compressor = Zstd.Compressor()
  }

  let store: ScanStore
  let state = Mutex(State())
  static let commitBytes = 8 << 20
  static let commitSeconds = 1.0

  init(store: ScanStore) { self.store = store }

  func recall(_ file: ScannedFile) -> FileTally? {
    let origin: PendingFile.Origin
    var sha: [UInt8]?
    var reusedTally: FileTally?
    do {
      (origin, sha, reusedTally) = try decide(file)
    } catch {
      store.fail(error, doing: "looking up \(file.path)")
      (origin, sha, reusedTally) = (.read(readID: nil), nil, nil)
    }
    var pending = PendingFile(file: file, origin: origin)
    pending.sha256 = sha
    if let reusedTally {
      pending.tally = reusedTally
      if case .duplicate = origin, reusedTally.findings > 0 {
        // The copy's own `file` record: its path, owner and mode, with the source's count.
        var json = JSONBuilder()
        var facts = file.facts(findings: reusedTally.findings)
        facts.path = ""
        RecordFormatter.append(facts, to: &json)
        pending.records.append(("file", json.bytes))
      }
      finish(pending)
      return reusedTally
    }
    state.withLock { $0.current = pending }
    return nil
  }

  /// Whether the file's results can be taken from the store: the same path unchanged (by stamp,
  /// or by content with `--rehash`) under the same configuration, or another path with the
  /// same content.
  func decide(_ file: ScannedFile) throws -> (PendingFile.Origin, [UInt8]?, FileTally?) {
    let database = store.database
    let hash = store.configuration.hash
    var sha: [UInt8]?
    if let prior = try database.currentRead(path: file.path), prior.complete, prior.configHash == hash,
      let tally = prior.tally
    {
      if store.rehash {
        sha = Self.sha256(file.descriptor)
        if let sha, sha == prior.sha256 { return (.unchanged(readID: prior.id), sha, tally) }
      } else if prior.stamp == file.stamp {
        return (.unchanged(readID: prior.id), prior.sha256, tally)
      }
    }
    guard file.stamp.size >= Int64(store.duplicateMinimum) else { return (.read(readID: nil), sha, nil) }
    let candidates = try database.sameSizeReads(size: file.stamp.size, configHash: hash)
    guard !candidates.isEmpty else {
      if sha == nil, database.hashesLargeFiles { sha = Self.sha256(file.descriptor) }
      return (.read(readID: nil), sha, nil)
    }
    if sha == nil { sha = Self.sha256(file.descriptor) }
    guard let sha else { return (.read(readID: nil), nil, nil) }
    for candidate in candidates where !candidate.wholeItem {
      var known = candidate.sha256
      if known == nil {
        // Read before anyone needed its hash: hash it now, if it is still what was read.
        known = Self.sha256(path: candidate.path, expected: candidate.stamp)
        if let known { try database.setHash(known, read: candidate.id) }
      }
      guard known == sha, let tally = candidate.tally else { continue }
      // A copy under a name that makes a credential file is not the same finding.
      if Self.namesCredentialFile(file) { break }
      return (.duplicate(sourceRead: candidate.id), sha, tally)
    }
    return (.read(readID: nil), sha, nil)
  }

  /// Whether the file's name (with its head) is one the credential-file detector reports:
  /// such a finding belongs to the path, so the file is read rather than attributed.
  static func namesCredentialFile(_ file: ScannedFile) -> Bool {
    var head = [UInt8](repeating: 0, count: 4096)
    let n = head.withUnsafeMutableBytes { pread(file.descriptor, $0.baseAddress, 4096, 0) }
    let parts = file.path.split(separator: "/")
    let name = parts.last.map(String.init) ?? file.path
    let parent = parts.count > 1 ? String(parts[parts.count - 2]) : ""
    return head.withUnsafeBytes {
      CredentialFiles.match(
        name: name, parent: parent, head: UnsafeRawBufferPointer(rebasing: $0[..<max(0, n)]))
        != nil
    }
  }

  /// SHA-256 of a file's content through its descriptor (positioned reads: the scan's own
  /// reads are unaffected); nil when it cannot be read.
  static func sha256(_ fd: Int32) -> [UInt8]? {
    var hasher = SHA256()
    let size = 1 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
    defer { buffer.deallocate() }
    var offset: off_t = 0
    while true {
      let n = pread(fd, buffer, size, offset)
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { break }
      hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: n))
      offset += off_t(n)
    }
    return Array(hasher.finalize())
  }

  /// SHA-256 of the file at `path` if it still has the stamp it had when it was read.
  static func sha256(path: String, expected: FileStamp) -> [UInt8]? {
    let fd = RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) }
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, FileStamp(st) == expected else { return nil }
    return sha256(fd)
  }

  func receive(_ findings: [Finding]) {
    let index = store.detectorIndex
    let keep = store.sealer != nil
    state.withLock { s in
      guard s.current != nil else { return }
      // Findings come in runs of one detector: its index is looked up once per run, not hashed
      // per finding.
      var last = ("", UInt16.max)
      for f in findings {
        if f.detector != last.0 { last = (f.detector, index[f.detector] ?? UInt16.max) }
        if s.current!.blocks.last?.isFull ?? true { s.current!.blocks.append(FindingBlock()) }
        let i = s.current!.blocks.count - 1
        let before = s.current!.blocks[i].json.bytes.count
        s.current!.blocks[i].add(f, detector: last.1, keepValue: keep)
        s.current!.heldBytes += s.current!.blocks[i].json.bytes.count - before + 14
        if s.current!.blocks[i].isFull { s.current!.blocks[i].pack(with: s.compressor) }
        if f.evidence != nil || f.detector == CredentialFiles.spec.id {
          s.current!.wholeItem = true
        }
      }
    }
    partIfLarge()
  }

  func receive(_ issue: ScanIssue) {
    var record = issue
    record.path = ""
    var json = JSONBuilder()
    RecordFormatter.append(record, to: &json)
    // Outside a file, the problem is the walk's (an unreadable folder): the scan keeps it.
    if !hold("error", json.bytes) { store.receive(issue) }
  }

  func receive(_ file: FileFacts) {
    var record = file
    record.path = ""
    var json = JSONBuilder()
    RecordFormatter.append(record, to: &json)
    hold("file", json.bytes)
  }

  func receive(_ hits: [HuntHit]) {
    for hit in hits {
      var record = hit
      record.path = ""
      var json = JSONBuilder()
      RecordFormatter.append(record, to: &json)
      hold("hunt", json.bytes)
    }
  }

  /// Keeps a record of the file being read; false when no file is.
  @discardableResult
  func hold(_ kind: String, _ json: [UInt8]) -> Bool {
    state.withLock { s in
      guard s.current != nil else { return false }
      s.current!.records.append((kind, json))
      s.current!.heldBytes += json.count
      return true
    }
  }

  func done(_ file: ScannedFile, tally: FileTally) {
    guard
      var pending = state.withLock({ s -> PendingFile? in
        defer { s.current = nil }
        if let last = s.current?.blocks.indices.last { s.current!.blocks[last].pack(with: s.compressor) }
        return s.current
      })
    else { return }
    pending.tally = tally
    finish(pending)
  }

  /// Queues a finished file and commits when enough is held.
  func finish(_ pending: PendingFile) {
    let due = state.withLock { s -> Bool in
      s.heldBytes += pending.heldBytes + 256
      s.done.append(pending)
      if store.options.deferCommits { return false }
      return s.heldBytes >= Self.commitBytes || s.done.count >= store.options.commitFiles
        || MonotonicClock.now() - s.lastCommit >= Self.commitSeconds
    }
    if due { commitAll() }
  }

  /// A file under way with more findings than a commit holds: its full blocks are committed now,
  /// under a read not yet complete, so memory stays bounded whatever the file's size.
  func partIfLarge() {
    let part = state.withLock { s -> PendingFile? in
      guard var current = s.current, current.blocks.count > 1, current.heldBytes >= Self.commitBytes else {
        return nil
      }
      var part = current
      part.blocks = Array(current.blocks.dropLast())
      current.blocks = [current.blocks.last!]
      current.heldBytes = 0
      current.blocksSent += part.blocks.count
      current.recordsSent += part.records.count
      current.records = []
      s.current = current
      return part
    }
    guard let part else { return }
    do {
      let readID = try store.database.commitPart(part, store: store)
      state.withLock { s in s.current?.origin = .read(readID: readID) }
    } catch {
      store.fail(error, doing: "writing findings of \(part.path)")
    }
  }

  /// The finished files held, handed over.
  func takeDone() -> [PendingFile] {
    state.withLock { s -> [PendingFile] in
      defer {
        s.done = []
        s.heldBytes = 0
        s.lastCommit = MonotonicClock.now()
      }
      return s.done
    }
  }

  /// Commits every finished file held, in one transaction.
  func commitAll() {
    let files = takeDone()
    guard !files.isEmpty, !store.failed else { return }
    do {
      try store.database.commit(files, store: store)
    } catch {
      store.fail(error, doing: "writing the results of \(files.count) files")
    }
  }
}
