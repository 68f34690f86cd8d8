import HTTPTypes
import Hummingbird

/// A known path asked with a method it does not take (PUT, TRACE, QUERY, …) gets 405 with the
/// methods it takes, rather than a 404 that says the path is not there.
struct MethodGuard<Context: RequestContext>: RouterMiddleware {
  let allowed: [String: [HTTPRequest.Method]]

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws
    -> Response
  {
    if let methods = allowed[request.uri.path], !methods.contains(request.method) {
      var response = Response(
        status: .methodNotAllowed, headers: [.contentType: "text/plain; charset=utf-8"],
        body: .init(byteBuffer: .init(string: "method not allowed\n")))
      response.headers[.allow] = methods.map(\.rawValue).sorted().joined(separator: ", ")
      return response
    }
    return try await next(request, context)
  }
}
