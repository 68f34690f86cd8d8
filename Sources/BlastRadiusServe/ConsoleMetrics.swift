import Foundation
import Hummingbird
import Prometheus

/// What the console counts for `/metrics` (Prometheus text format, admin tokens only): requests
/// by route, method and status with their durations, sign-ins by result, triage decisions by
/// state, and the size of the current view. Routes are labelled by their table path, never by
/// what a request asked for, so a scanner of the server cannot grow the series without end.
final class ConsoleMetrics: Sendable {
  let registry = PrometheusCollectorRegistry()

  /// `blastradius_<name>_<unit>`, with the help line Prometheus shows (descriptors are not
  /// `Sendable`, so each is made where it is used).
  static func name(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
    MetricNameDescriptor(namespace: "blastradius", metricName: name, unitName: unit, helpText: help)
  }

  static var requests: MetricNameDescriptor {
    name("http_requests", "total", "Requests by route of the route table, method and status.")
  }
  static var durations: MetricNameDescriptor {
    name("http_request_duration", "seconds", "Time to answer, by route.")
  }
  static var logins: MetricNameDescriptor {
    name("logins", "total", "Sign-ins by result: ok, failed, throttled.")
  }
  static var decisions: MetricNameDescriptor {
    name("triage_decisions", "total", "Triage decisions recorded, by state.")
  }
  static var shown: MetricNameDescriptor {
    name("values_shown", "total", "Values asked for with a reason: shown or not_found.")
  }
  static var viewFindings: MetricNameDescriptor {
    name("view", "findings", "Findings in the current view, false positives out.")
  }
  static var viewFiles: MetricNameDescriptor { name("view", "files", "Files in the current view.") }
  static var countSeconds: MetricNameDescriptor {
    name("overview_count", "seconds", "Time the last count of the overview took.")
  }

  /// `route` is a path of the route table, or `other`.
  func request(route: String, method: String, status: Int, seconds: Double) {
    registry.makeCounter(
      descriptor: Self.requests, labels: [("route", route), ("method", method), ("status", String(status))]
    ).increment()
    registry.makeDurationHistogram(
      descriptor: Self.durations, labels: [("route", route)],
      buckets: [
        .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2),
        .seconds(10),
      ]
    ).recordNanoseconds(Int64(seconds * 1e9))
  }

  func login(_ result: String) {
    registry.makeCounter(descriptor: Self.logins, labels: [("result", result)]).increment()
  }

  func triage(_ state: String) {
    registry.makeCounter(descriptor: Self.decisions, labels: [("state", state)]).increment()
  }

  /// Values shown (`shown`) or asked for and not found (`not_found`).
  func reveal(_ result: String) {
    registry.makeCounter(descriptor: Self.shown, labels: [("result", result)]).increment()
  }

  func view(findings: Int, files: Int, countSeconds: Double) {
    registry.makeGauge(descriptor: Self.viewFindings).set(Int64(findings))
    registry.makeGauge(descriptor: Self.viewFiles).set(Int64(files))
    registry.makeGauge(descriptor: Self.countSeconds).set(countSeconds)
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
