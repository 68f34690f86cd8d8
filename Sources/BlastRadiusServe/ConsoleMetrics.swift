import Foundation
import Hummingbird
import Prometheus

/// What the console counts for `/metrics` (Prometheus text format, admin tokens only): requests
/// by route, method and status with their durations, sign-ins by result, triage decisions by
/// state, and the size of the current view. Routes are labelled by their table path, never by
/// what a request asked for, so a scanner of the server cannot grow the series without end.
final class ConsoleMetrics: Sendable {
  let registry = PrometheusCollectorRegistry()

  /// `route` is a path of the route table, or `other`.
  func request(route: String, method: String, status: Int, seconds: Double) {
    registry.makeCounter(
      name: "blastradius_http_requests_total",
      labels: [("route", route), ("method", method), ("status", String(status))]
    ).increment()
    registry.makeDurationHistogram(
      name: "blastradius_http_request_duration_seconds", labels: [("route", route)],
      buckets: [
        .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2),
        .seconds(10),
      ]
    ).recordNanoseconds(Int64(seconds * 1e9))
  }

  func login(_ result: String) {
    registry.makeCounter(name: "blastradius_logins_total", labels: [("result", result)]).increment()
  }

  func triage(_ state: String) {
    registry.makeCounter(name: "blastradius_triage_decisions_total", labels: [("state", state)]).increment()
  }

  /// Values shown (`shown`) or asked for and not found (`not_found`).
  func reveal(_ result: String) {
    registry.makeCounter(name: "blastradius_values_shown_total", labels: [("result", result)]).increment()
  }

  func view(findings: Int, files: Int, countSeconds: Double) {
    registry.makeGauge(name: "blastradius_view_findings").set(Int64(findings))
    registry.makeGauge(name: "blastradius_view_files").set(Int64(files))
    registry.makeGauge(name: "blastradius_overview_count_seconds").set(countSeconds)
  }

  var text: String { registry.emitToString() }
}

/// Times and counts every request for `ConsoleMetrics`.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
  let metrics: ConsoleMetrics
  /// The route table's paths: any other path is counted as `other`.
  let known: Set<String>

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws
    -> Response
  {
    let started = ContinuousClock.now
    var status = 500
    defer {
      let elapsed = ContinuousClock.now - started
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      let path = request.uri.path
      metrics.request(
        route: known.contains(path) ? path : "other", method: request.method.rawValue, status: status,
        seconds: seconds)
    }
    do {
      let response = try await next(request, context)
      status = response.status.code
      return response
    } catch let error as any HTTPResponseError {
      status = error.status.code
      throw error
    }
  }
}
