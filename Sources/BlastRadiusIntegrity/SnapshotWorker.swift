#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import BlastRadiusBase
import BlastRadiusWalk

/// One snapshot thread: lists folders, stats entries, reads files that changed since the
/// stored state (or all of them), and sends records to the sink in batches.
final class SnapshotWorker {
  unowned let taker: SnapshotTaker
  let queue: WorkQueue<SnapshotItem>
  let lister: DirectoryLister
  let reader: ContentReader
  var batch: [EntryRecord] = []
  /// Cleared after the first EPERM: O_NOATIME is allowed only on one's own files (and to root).
  var noAtime = true

  #if os(Linux)
    static let noAtimeFlag: Int32 = 0o1_000_000
  #else
    static let noAtimeFlag: Int32 = 0
  #endif

  init(taker: SnapshotTaker, queue: WorkQueue<SnapshotItem>, lister: DirectoryLister) {
    self.taker = taker
    self.queue = queue
    self.lister = lister
    reader = ContentReader(chunkSize: taker.options.chunkSize, afterFirstChunk: taker.options.afterFirstChunk)
    batch.reserveCapacity(taker.options.batchSize)
  }

  func handle(_ item: SnapshotItem) {
    guard !taker.stopped else { return }
    switch item {
    case .directory(let record, let childTop): list(record, childTop: childTop)
    case .names(let dir, let childTop, let names): visit(names, in: dir, childTop: childTop)
    }
  }

  /// Records a folder and hands out its names in groups, sorted so that each group is one
  /// range of the store's index.
  func list(_ record: EntryRecord, childTop: String?) {
    var record = record
    let path = record.path
    switch lister.names(path) {
    case .failure(let error):
      record.listed = false
      taker.report(error.issue)
      emit(record)
    case .success(var names):
      emit(record)
      names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      let size = taker.options.groupSize
      var groups: [SnapshotItem] = []
      for start in stride(from: 0, to: names.count, by: size) {
        groups.append(
          .names(dir: path, childTop: childTop, names: Array(names[start..<min(start + size, names.count)])))
      }
      queue.push(groups.reversed())
    }
  }

  func visit(_ names: [String], in dir: String, childTop: String?) {
    guard let first = names.first, let last = names.last else { return }
    let known: [String: EntryRecord]
    do {
      known = try taker.sink.known(in: dir, from: first, through: last)
    } catch {
      taker.fail(error)
      return
    }
    var subfolders: [SnapshotItem] = []
    for name in names {
      let path = EntryRecord.join(dir, name)
      let top = childTop ?? path
      var st = stat()
      guard RawPath.withCString(path, { lstat($0, &st) }) == 0 else {
        taker.report(Self.vanished(errno, path: path, doing: "cannot stat entry"))
        continue
      }
      var record = EntryRecord(dir: dir, name: name, top: top, stat: st)
      switch record.kind {
      case .directory:
        subfolders.append(.directory(record, childTop: top))
      case .symlink:
        record.target = Self.linkTarget(path, size: Int(st.st_size))
        emit(record)
      case .other:
        emit(record)
      case .file:
        if let before = known[name], before.sameStat(as: record), let content = before.content {
          record.content = content
          taker.tally.reused()
          emit(record)
        } else if let read = readFile(record) {
          emit(read)
        }
      }
    }
    queue.push(subfolders.reversed())
  }

  /// The record of a file with its content; the metadata comes from the open file, so it
  /// matches the bytes read. Nil when the file is gone; without content when it cannot be read.
  func readFile(_ listed: EntryRecord) -> EntryRecord? {
    let path = listed.path
    let flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK
    var fd = RawPath.withCString(path) { open($0, flags | (noAtime ? Self.noAtimeFlag : 0)) }
    if fd < 0, errno == EPERM, noAtime {
      noAtime = false
      fd = RawPath.withCString(path) { open($0, flags) }
    }
    guard fd >= 0 else {
      let issue = Self.vanished(errno, path: path, doing: "cannot open file")
      taker.report(issue)
      return issue.code == .notFound || errno == ELOOP ? nil : listed
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      taker.report(.fromErrno(errno, path: path, doing: "cannot stat file"))
      return listed
    }
    var record = EntryRecord(dir: listed.dir, name: listed.name, top: listed.top, stat: st)
    guard record.kind == .file else { return nil }  // replaced since it was listed
    switch reader.profile(fd: fd, path: path, opened: st) {
    case .success(let (profile, bytes)):
      record.content = profile
      taker.tally.hashed(bytes: bytes)
      return record
    case .failure(let error):
      taker.report(error.issue)
      return error.issue.code == .notFound ? nil : record
    }
  }

  /// An entry gone between the listing and now reads as such, not as a bare errno.
  static func vanished(_ err: Int32, path: String, doing what: String) -> ScanIssue {
    var issue = ScanIssue.fromErrno(err, path: path, doing: what)
    if err == ENOENT { issue.message = "vanished after it was listed" }
    return issue
  }

  static func linkTarget(_ path: String, size: Int) -> String? {
    let capacity = max(size, 255) + 1
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
      let n = RawPath.withCString(path) { readlink($0, buffer.baseAddress!, capacity) }
      guard n >= 0 else { return nil }
      return RawPath.decode(UnsafeRawBufferPointer(start: buffer.baseAddress!, count: n))
    }
  }

  func emit(_ record: EntryRecord) {
    batch.append(record)
    if batch.count >= taker.options.batchSize { flush() }
  }

  func flush() {
    guard !batch.isEmpty, !taker.stopped else { return }
    do {
      try taker.sink.write(batch)
      taker.tally.recorded(batch)
    } catch {
      taker.fail(error)
    }
    batch.removeAll(keepingCapacity: true)
  }
}
