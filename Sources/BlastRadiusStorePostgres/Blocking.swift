import Dispatch
import Synchronization

/// Runs async PostgreSQL work from the scan's worker threads and the CLI, which are plain threads
/// that may block: the caller waits on a semaphore while the work runs on Swift's concurrency
/// pool and NIO's event loop. Never called from a task (it would hold a pool thread).
enum Blocking {
  static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let result = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    // On the global pool explicitly: a caller with another task executor preference (the
    // console's request threads) must not have this work queued behind itself.
    Task(executorPreference: globalConcurrentExecutor) {
      let outcome: Result<T, any Error>
      do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
      result.withLock { $0 = outcome }
      done.signal()
    }
    done.wait()
    return try result.withLock { $0! }.get()
  }
}
