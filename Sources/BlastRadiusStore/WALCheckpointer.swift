import Foundation
import GRDB
import Synchronization

/// Copies a scan's WAL into the database file from a thread and connection of its own, every
/// quarter of a second. Left to SQLite, the checkpoint runs inside the commit that crosses 1,000
/// pages, and its writes and `fdatasync`s stall the worker that committed; here they overlap the
/// scanning, so a commit only appends to the WAL. Passive checkpoints never wait for a lock, and what is in the WAL is
/// committed whether or not it was copied yet: stopping the process at any moment loses nothing.
final class WALCheckpointer: Sendable {
  private let connection: DatabaseQueue
  private let wake = DispatchSemaphore(value: 0)
  private let stopped = Atomic<Bool>(false)
  private let ended = DispatchSemaphore(value: 0)
  static let interval = 0.25

  init(path: String) throws {
    var config = Configuration()
    config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
    connection = try DatabaseQueue(path: path, configuration: config)
    let thread = Thread { [self] in run() }
    thread.name = "blastradius-checkpoint"
    thread.start()
  }

  /// Ends the thread after its current checkpoint; the caller does the last one.
  func stop() {
    guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
    wake.signal()
    ended.wait()
    try? connection.close()
  }

  private func run() {
    while !stopped.load(ordering: .acquiring) {
      _ = wake.wait(timeout: .now() + Self.interval)
      if stopped.load(ordering: .acquiring) { break }
      try? connection.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)")
      }
    }
    ended.signal()
  }
}
