import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import BlastRadiusStore

/// Finds who is asking: a session cookie (`br_session`) or a bearer token. Routes decide what
/// the identity may do (`ConsoleServer.guarded`); this only names it.
struct IdentityMiddleware: RouterMiddleware {
  typealias Context = ConsoleContext
  let database: any ConsoleDatabase
  let idleSeconds: Double

  func handle(
    _ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response
  )
    async throws -> Response
  {
    var context = context
    let now = Date().timeIntervalSince1970
    if let bearer = request.headers.bearer {
      if let (user, scope) = try database.token(secret: bearer.token, now: now) {
        context.identity = ConsoleIdentity(user: user, via: .token(scope))
      }
    } else if let secret = request.cookies["br_session"]?.value, !secret.isEmpty,
      let (user, csrf) = try database.session(secret: secret, now: now, idle: idleSeconds)
    {
      context.identity = ConsoleIdentity(user: user, via: .session(secret: secret, csrf: csrf))
    }
    return try await next(request, context)
  }
}
