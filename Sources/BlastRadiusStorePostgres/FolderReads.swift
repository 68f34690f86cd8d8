import BlastRadiusStore
import Synchronization

/// The current reads of the last folders a scan looked up, by path: a scan's workers ask for the
/// files of one folder at about the same time, so one query serves them all. A folder's entry
/// stays valid for the scan, which alone writes this host's files under its roots (and reads
/// each path once).
final class FolderReads: Sendable {
  private struct State {
    /// nil for a folder with more than `largest` files: those are looked up one by one.
    var folders: [String: [String: PriorRead]?] = [:]
    var order: [String] = []
  }
  private let state = Mutex(State())
  /// Folders kept: enough for the workers' folders under way, few enough to bound memory.
  static let limit = 64
  /// Files in a folder kept whole.
  static let largest = 10_000

  /// The folder's reads by path, `.some(nil)` for a folder too large to keep, nil when unknown.
  func reads(in folder: String) -> [String: PriorRead]?? { state.withLock { $0.folders[folder] } }

  func keep(_ reads: [String: PriorRead]?, for folder: String) {
    state.withLock { s in
      guard s.folders.updateValue(reads, forKey: folder) == nil else { return }
      s.order.append(folder)
      if s.order.count > Self.limit { s.folders[s.order.removeFirst()] = nil }
    }
  }
}
