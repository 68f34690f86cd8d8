import HTTPTypes
import Hummingbird

/// Headers on every response: no script or style but the server's own files, no framing, no
/// sniffing, no referrer, no caching of pages that name people's files.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
  static var policy: String {
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
  }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws
    -> Response
  {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as any HTTPResponseError {
      response = try error.response(from: request, context: context)
    } catch {
      // A store that cannot be read: a plain 500 that says nothing of the store or the query.
      context.logger.error(
        "request failed", metadata: ["path": "\(request.uri.path)", "error": "\(type(of: error))"])
      response = Response(
        status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
        body: .init(byteBuffer: .init(string: "the console cannot read its store now\n")))
    }
    response.headers[.contentSecurityPolicy] = Self.policy
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.init("X-Frame-Options")!] = "DENY"
    response.headers[.init("Referrer-Policy")!] = "no-referrer"
    response.headers[.cacheControl] = "no-store"
    return response
  }
}
