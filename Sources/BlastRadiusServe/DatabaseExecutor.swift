import Dispatch
import Hummingbird

/// Where the console's requests run: threads of their own, off Swift's cooperative pool. Store
/// calls block (SQLite's reads, and PostgreSQL's, which wait for work done on that very pool):
/// on a two-core machine two slow requests on the pool would stall every other task, and
/// PostgreSQL's would wait for a pool thread that never comes.
final class DatabaseExecutor: TaskExecutor {
  let queue = DispatchQueue(label: "blastradius.console.requests", attributes: .concurrent)

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    queue.async { job.runSynchronously(on: executor) }
  }
}

/// Runs the rest of a request (the identity lookup, the handler) on the `DatabaseExecutor`.
struct OffPoolMiddleware<Context: RequestContext>: RouterMiddleware {
  let executor: DatabaseExecutor

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    try await withTaskExecutorPreference(executor) { try await next(request, context) }
  }
}
