public import Hummingbird
public import BlastRadiusStore

/// Who is asking: a user signed in with a session (whose CSRF token guards its forms), or an API
/// token with its scope.
public struct ConsoleIdentity: Sendable {
  public enum Via: Sendable {
    case session(secret: String, csrf: String)
    case token(ConsoleToken.Scope)
  }

  public var user: ConsoleUser
  public var via: Via

  /// What the identity may do: a session the user's role, a token its scope.
  public var access: Access {
    switch via {
    case .session:
      switch user.role {
      case .viewer: return .read
      case .analyst: return .triage
      case .admin: return .admin
      }
    case .token(let scope):
      switch scope {
      case .read: return .read
      case .triage: return .triage
      case .admin: return .admin
      }
    }
  }
}

/// The request context of the console's routes: the identity the access middleware found.
public struct ConsoleContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  public var identity: ConsoleIdentity?
  /// The client's address, for throttling failed sign-ins.
  public let remoteAddress: String?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    remoteAddress = source.channel.remoteAddress?.ipAddress
  }
}
