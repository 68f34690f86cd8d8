import Synchronization
import BlastRadiusBase

/// Counts of a snapshot run, shared by its threads; updated per batch or per file.
public final class SnapshotTally: Sendable {
  let state = Mutex(SnapshotSummary())
  let liveEntries = Atomic<Int>(0)
  let liveBytes = Atomic<Int>(0)
  let liveHashed = Atomic<Int>(0)

  package init() {}

  /// Entries, bytes hashed and a note, for the progress line.
  public var live: (files: Int, bytes: Int, note: String) {
    (
      liveEntries.load(ordering: .relaxed), liveBytes.load(ordering: .relaxed),
      "\(liveHashed.load(ordering: .relaxed)) hashed"
    )
  }

  func recorded(_ batch: [EntryRecord]) {
    liveEntries.add(batch.count, ordering: .relaxed)
    state.withLock { s in
      s.entries += batch.count
      for e in batch {
        switch e.kind {
        case .file: s.files += 1
        case .directory: s.directories += 1
        case .symlink: s.symlinks += 1
        case .other: s.others += 1
        }
      }
    }
  }

  func hashed(bytes: Int) {
    liveBytes.add(bytes, ordering: .relaxed)
    liveHashed.add(1, ordering: .relaxed)
    state.withLock { s in
      s.hashed += 1
      s.bytesHashed += bytes
    }
  }

  func reused() { state.withLock { $0.reused += 1 } }

  func issue(_ issue: ScanIssue) { state.withLock { $0.errorsByCode[issue.code.rawValue, default: 0] += 1 } }

  package func summary(seconds: Double) -> SnapshotSummary {
    state.withLock { s in
      var out = s
      out.seconds = seconds
      return out
    }
  }
}
