#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Something a worker does next: list a directory or scan a file.
package enum WorkItem: Sendable {
  case directory(String)
  case file(String)
}

/// The shared stack of work for a run's threads (a scan's `WorkItem`s, a snapshot's entries). Directories push their entries; a worker
/// waits while the stack is empty but others are busy (they may push more); all return when
/// nothing is left and nobody is busy.
///
/// `@unchecked Sendable`: every access to the mutable state happens under `mutex`, with `cond`
/// for waiting, which the compiler cannot see through the C types.
package final class WorkQueue<Item: Sendable>: @unchecked Sendable {
  private var items: [Item] = []
  private var busy = 0
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

  package init() {
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(cond, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    pthread_cond_destroy(cond)
    mutex.deallocate()
    cond.deallocate()
  }

  package var count: Int {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return items.count
  }

  package func push(_ new: [Item]) {
    guard !new.isEmpty else { return }
    pthread_mutex_lock(mutex)
    items.append(contentsOf: new)
    pthread_cond_broadcast(cond)
    pthread_mutex_unlock(mutex)
  }

  /// The next item, marking the caller busy until `finished()`; nil when all work is done.
  package func next() -> Item? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while items.isEmpty {
      if busy == 0 {
        pthread_cond_broadcast(cond)
        return nil
      }
      pthread_cond_wait(cond, mutex)
    }
    busy += 1
    return items.removeLast()
  }

  package func finished() {
    pthread_mutex_lock(mutex)
    busy -= 1
    if busy == 0 && items.isEmpty { pthread_cond_broadcast(cond) }
    pthread_mutex_unlock(mutex)
  }
}
