import Foundation
public import HTTPTypes
public import Hummingbird
import HummingbirdBcrypt
import HummingbirdCore
import HummingbirdOTP
import HummingbirdTLS
import NIOSSL
import NIOCore
import Synchronization
public import BlastRadiusStore
import BlastRadiusBase

/// The console: a Hummingbird 2 server over a store. Every route is listed in `routes` with the
/// access it needs, and the router is built from that list, so the list is the whole surface:
/// tests walk it and check that each closed route refuses a request without credentials (401 for
/// the API, a redirect to the login page for pages).
public final class ConsoleServer: Sendable {
  typealias Handler = @Sendable (Request, ConsoleContext, FormBody) async throws -> Response

  /// One route of the console.
  public struct Route: Sendable {
    public let method: HTTPRequest.Method
    public let path: String
    public let access: Access
    /// API routes answer 401 without credentials; pages send the browser to the login page.
    public let api: Bool
    let handler: Handler
  }

  let database: any ConsoleDatabase
  let options: ServeOptions
  let throttle: LoginThrottle
  /// The last overview and the view version it was counted at: counting walks every stored
  /// fingerprint, so it is done again only when the view changed.
  let cachedOverview = Mutex<(version: String, overview: ConsoleOverview)?>(nil)
  /// The values table and the view version it was counted at.
  let cachedValues = Mutex<(version: String, rows: [ValueRow], detectors: [String])?>(nil)
  /// People, triggers and hunt hits of the current view, made on a thread of their own.
  let impacts: ImpactCache
  let finder: ValueFinder
  let metrics: ConsoleMetrics
  let executor = DatabaseExecutor()

  public init(database: any ConsoleDatabase, options: ServeOptions) {
    self.database = database
    self.options = options
    self.throttle = LoginThrottle(limit: options.loginAttempts, window: options.throttleSeconds)
    self.metrics = ConsoleMetrics()
    self.impacts = ImpactCache(database: database)
    self.finder = ValueFinder(
      database: database, valuesKey: options.valuesKey, fingerprintKey: options.fingerprintKey)
  }

  /// Every route, with the access it needs: the whole surface of the server.
  public var routes: [Route] {
    [
      Route(method: .get, path: "/health", access: .open, api: true) { _, _, _ in Self.text("ok\n") },
      Route(method: .get, path: "/static/console.css", access: .open, api: false) { _, _, _ in
        Self.body(ConsoleStyle.css, type: "text/css; charset=utf-8")
      },
      // Browsers ask for it on every site: an empty answer rather than an error in their console.
      Route(method: .get, path: "/favicon.ico", access: .open, api: false) { _, _, _ in
        Response(status: .noContent)
      },
      Route(method: .get, path: "/login", access: .open, api: false) { [self] r, c, _ in
        loginPage(r, c)
      },
      Route(method: .post, path: "/login", access: .open, api: false) { [self] r, c, f in
        try login(r, c, f)
      },
      Route(method: .post, path: "/logout", access: .read, api: false) { [self] r, c, _ in
        try logout(r, c)
      },
      Route(method: .get, path: "/", access: .read, api: false) { [self] r, c, _ in
        try await overviewPage(r, c)
      },
      Route(method: .get, path: "/values", access: .read, api: false) { [self] r, c, _ in
        try valuesPage(r, c)
      },
      Route(method: .get, path: "/value", access: .read, api: false) { [self] r, c, _ in try valuePage(r, c)
      },
      Route(method: .get, path: "/people", access: .read, api: false) { [self] r, c, _ in
        try await peoplePage(r, c)
      },
      Route(method: .get, path: "/hunt", access: .read, api: false) { [self] r, c, _ in
        try await huntPage(r, c)
      },
      Route(method: .get, path: "/changes", access: .read, api: false) { [self] r, c, _ in
        try changesPage(r, c)
      },
      Route(method: .post, path: "/reveal", access: .triage, api: false) { [self] r, c, f in
        try revealPost(r, c, f)
      },
      Route(method: .get, path: "/files", access: .read, api: false) { [self] r, c, _ in
        try filesPage(r, c)
      },
      Route(method: .get, path: "/scans", access: .read, api: false) { [self] r, c, _ in try scansPage(r, c)
      },
      Route(method: .get, path: "/file", access: .read, api: false) { [self] r, c, _ in try filePage(r, c) },
      Route(method: .post, path: "/triage", access: .triage, api: false) { [self] r, c, f in
        try triagePost(r, c, f)
      },
      Route(method: .post, path: "/api/v1/triage", access: .triage, api: true) { [self] r, c, f in
        try triageAPI(r, c, f)
      },
      Route(method: .get, path: "/audit", access: .admin, api: false) { [self] r, c, _ in
        try auditPage(r, c)
      },
      Route(method: .get, path: "/api/v1/summary", access: .read, api: true) { [self] r, c, _ in
        try summaryJSON(r, c)
      },
      Route(method: .get, path: "/api/v1/files", access: .read, api: true) { [self] r, c, _ in
        try filesJSON(r, c)
      },
      Route(method: .get, path: "/api/v1/findings", access: .read, api: true) { [self] r, c, _ in
        try await findingsJSON(r, c)
      },
      Route(method: .get, path: "/api/v1/values", access: .read, api: true) { [self] r, c, _ in
        try valuesJSON(r, c)
      },
      Route(method: .get, path: "/api/v1/people", access: .read, api: true) { [self] r, c, _ in
        try await peopleJSON(r, c)
      },
      Route(method: .get, path: "/api/v1/scans", access: .read, api: true) { [self] r, c, _ in
        try scansJSON(r, c)
      },
      Route(method: .get, path: "/api/v1/hosts", access: .read, api: true) { [self] r, c, _ in
        try hostsJSON(r, c)
      },
      Route(method: .get, path: "/api/v1/triage", access: .read, api: true) { [self] r, c, _ in
        try decisionsJSON(r, c)
      },
      Route(method: .get, path: "/api/v1/export.jsonl", access: .read, api: true) { [self] r, c, _ in
        try exportStream(r, c, csv: false)
      },
      Route(method: .get, path: "/api/v1/export.csv", access: .read, api: true) { [self] r, c, _ in
        try exportStream(r, c, csv: true)
      },
      Route(method: .get, path: "/api/v1/tokens", access: .admin, api: true) { [self] r, c, _ in
        try tokensJSON(r, c)
      },
      Route(method: .get, path: "/metrics", access: .admin, api: true) { [self] _, _, _ in
        Self.body(metrics.text, type: "text/plain; version=0.0.4; charset=utf-8")
      },
      Route(method: .get, path: "/api/v1/audit", access: .admin, api: true) { [self] r, c, _ in
        try auditJSON(r, c)
      },
    ]
  }

  /// The router with every route, behind the security headers and the identity middleware.
  public func router() -> Router<ConsoleContext> {
    let router = Router(context: ConsoleContext.self)
    router.add(middleware: OffPoolMiddleware(executor: executor))
    router.add(middleware: SecurityHeaders())
    router.add(middleware: MetricsMiddleware(metrics: metrics, known: Set(routes.map(\.path))))
    var allowed: [String: [HTTPRequest.Method]] = [:]
    for route in routes { allowed[route.path, default: []].append(route.method) }
    router.add(middleware: MethodGuard(allowed: allowed))
    router.add(middleware: IdentityMiddleware(database: database, idleSeconds: options.idleSeconds))
    let all = routes
    for route in all {
      router.on(RouterPath(route.path), method: route.method) { [self] request, context in
        try await guarded(route, request, context)
      }
    }
    return router
  }

  /// Serves until the process is stopped: HTTPS when a certificate is given.
  public func run() async throws {
    var server = HTTPServerBuilder.http1()
    if let certificate = options.certificate, let key = options.key {
      let chain = try NIOSSLCertificate.fromPEMFile(certificate).map {
        NIOSSLCertificateSource.certificate($0)
      }
      let configuration = TLSConfiguration.makeServerConfiguration(
        certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
      server = try .tls(.http1(), tlsConfiguration: configuration)
    }
    let app = Application(
      router: router(), server: server,
      configuration: .init(address: .hostname(options.host, port: options.port), serverName: "BlastRadius"))
    try await app.runService()
  }

  /// Runs a route's handler if the request may: credentials for closed routes, enough access, and
  /// for a state-changing request of a session, the session's CSRF token in its form.
  func guarded(_ route: Route, _ request: Request, _ context: ConsoleContext) async throws -> Response {
    var form = FormBody(request.uri.query ?? "")
    if route.method == .post {
      let body = try await request.body.collect(upTo: 64 * 1024)
      form = FormBody(String(buffer: body))
    }
    guard route.access > .open else { return try await route.handler(request, context, form) }
    guard let identity = context.identity else {
      return route.api
        ? Self.json(
          "{\"error\":\"unauthorized\"}\n", status: .unauthorized, extra: [.wwwAuthenticate: "Bearer"])
        : Self.redirect("/login")
    }
    guard identity.access >= route.access else {
      return route.api
        ? Self.json("{\"error\":\"forbidden\"}\n", status: .forbidden)
        : Self.text("forbidden\n", status: .forbidden)
    }
    if route.method != .get, case .session(_, let csrf) = identity.via, form["csrf"] != csrf {
      return Self.text(
        "the form is stale or was not sent by this console: reload the page\n", status: .forbidden)
    }
    return try await route.handler(request, context, form)
  }

  /// The overview, counted again only when the view changed since the last one.
  func overview() throws -> ConsoleOverview {
    let version = try database.viewVersion()
    if let cached = cachedOverview.withLock({ $0 }), cached.version == version { return cached.overview }
    let started = Date()
    let fresh = try database.overview()
    metrics.view(
      findings: fresh.findings, files: fresh.files, countSeconds: Date().timeIntervalSince(started))
    cachedOverview.withLock { $0 = (version, fresh) }
    return fresh
  }

  // MARK: responses

  static func body(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    body(text, type: "text/plain; charset=utf-8", status: status)
  }

  static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    body(text, type: "text/html; charset=utf-8", status: status)
  }

  static func json(_ text: String, status: HTTPResponse.Status = .ok, extra: HTTPFields = [:]) -> Response {
    var response = body(text, type: "application/json", status: status)
    response.headers.append(contentsOf: extra)
    return response
  }

  /// A redirect to a path of this server only: never to a place the request names.
  static func redirect(_ path: String) -> Response {
    Response(status: .seeOther, headers: [.location: path])
  }

  static func now() -> Double { Date().timeIntervalSince1970 }

  func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
    Cookie(
      name: name, value: value, maxAge: maxAge, path: "/", secure: options.tls, httpOnly: true,
      sameSite: .strict)
  }

  // MARK: signing in and out

  func loginPage(_ request: Request, _ context: ConsoleContext, message: String? = nil) -> Response {
    if context.identity != nil, message == nil { return Self.redirect("/") }
    let token = StoreToken.make()
    let page = HTML.page(title: "Sign in", user: nil, csrf: nil) { h in
      if let message {
        h.raw("<p class=\"error\">")
        h.text(message)
        h.raw("</p>")
      }
      h.raw(
        "<form method=\"post\" action=\"/login\" class=\"login\"><input type=\"hidden\" name=\"csrf\" value=\""
      )
      h.text(token)
      h.raw("\"><label>User <input name=\"user\" autocomplete=\"username\" required></label>")
      h.raw(
        "<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
      )
      h.raw(
        "<label>One-time code (if turned on) <input name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\"></label>"
      )
      h.raw("<button>Sign in</button></form>")
    }
    var response = Self.html(page, status: message == nil ? .ok : .unauthorized)
    response.setCookie(cookie("br_login", token, maxAge: 3600))
    return response
  }

  func login(_ request: Request, _ context: ConsoleContext, _ form: FormBody) throws -> Response {
    // The login form's own CSRF token: the cookie set with the form must come back with it.
    guard let sent = form["csrf"], !sent.isEmpty, request.cookies["br_login"]?.value == sent else {
      return loginPage(request, context, message: "The sign-in form expired: try again.")
    }
    let name = form["user"] ?? ""
    let keys = ["user:" + name, "client:" + (context.remoteAddress ?? "unknown")]
    let now = Self.now()
    guard !throttle.blocked(keys, now: now) else {
      metrics.login("throttled")
      try database.audit(user: name, action: "login_throttled", target: "", detail: "", now: now)
      return loginPage(request, context, message: "Too many failed sign-ins: wait a few minutes.")
    }
    let found = try database.user(named: name)
    // An unknown name costs the same bcrypt check as a known one: timing tells nothing.
    let passwordOK = Bcrypt.verify(form["password"] ?? "", hash: found?.passwordHash ?? Self.decoyHash)
    guard let (user, _) = found, passwordOK, Self.codeMatches(user.totpSecret, form["code"] ?? "", now: now)
    else {
      throttle.failed(keys, now: now)
      metrics.login("failed")
      try database.audit(user: name, action: "login_failed", target: "", detail: "", now: now)
      return loginPage(request, context, message: "Wrong user, password or code.")
    }
    throttle.succeeded(keys)
    try database.endIdleSessions(before: now - options.idleSeconds)
    let (secret, _) = try database.createSession(user: user.id, now: now)
    metrics.login("ok")
    try database.audit(user: user.name, action: "login", target: "", detail: "", now: now)
    var response = Self.redirect("/")
    response.setCookie(cookie("br_session", secret))
    response.setCookie(cookie("br_login", "", maxAge: 0))
    return response
  }

  /// A bcrypt hash of a random password nobody knows, checked when the user name is unknown.
  static let decoyHash = Bcrypt.hash(StoreToken.make(), cost: 12)

  /// A one-time code for `secret` within one 30-second step of now; any code when none is set.
  static func codeMatches(_ secret: String?, _ code: String, now: Double) -> Bool {
    guard let secret else { return true }
    guard let given = Int(code) else { return false }
    let totp = TOTP(secret: secret)
    return [-30.0, 0, 30].contains { totp.compute(date: Date(timeIntervalSince1970: now + $0)) == given }
  }

  func logout(_ request: Request, _ context: ConsoleContext) throws -> Response {
    if let identity = context.identity, case .session(let secret, _) = identity.via {
      try database.endSession(secret: secret)
      try database.audit(user: identity.user.name, action: "logout", target: "", detail: "", now: Self.now())
    }
    var response = Self.redirect("/login")
    response.setCookie(cookie("br_session", "", maxAge: 0))
    return response
  }
}

/// Random secrets for forms.
enum StoreToken {
  static func make() -> String {
    var generator = SystemRandomNumberGenerator()
    let hex = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for _ in 0..<32 {
      let b = UInt8.random(in: 0...255, using: &generator)
      out += [hex[Int(b >> 4)], hex[Int(b & 15)]]
    }
    return String(decoding: out, as: UTF8.self)
  }
}
