/// Hands each thread its own worker. `@unchecked Sendable`: every worker is touched by exactly
/// one thread, the one whose index it was made for, and never shared.
package final class WorkerPool<Worker>: @unchecked Sendable {
  private let workers: [Worker]
  package init(_ workers: [Worker]) { self.workers = workers }
  package func take(_ index: Int) -> Worker { workers[index] }
}
