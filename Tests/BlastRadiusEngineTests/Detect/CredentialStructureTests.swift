import Testing
@testable import BlastRadiusAggregate
@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusIntegrity
@testable import BlastRadiusMatch
@testable import BlastRadiusReport
@testable import BlastRadiusScan

/// PEM and OpenSSH key blocks assembled byte by byte.
enum KeyBlock {
  static func pem(_ label: String, _ body: [UInt8], headers: String = "") -> String {
    let b64 = Array(Synth.base64(body))
    let lines = stride(from: 0, to: b64.count, by: 64).map { String(b64[$0..<min($0 + 64, b64.count)]) }
    return "-----BEGIN \(label)-----\n\(headers)\(lines.joined(separator: "\n"))\n-----END \(label)-----"
  }

  static func u32(_ n: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: n >> $0) } }
  static func string(_ b: [UInt8]) -> [UInt8] { u32(b.count) + b }
  static func string(_ s: String) -> [UInt8] { string(Array(s.utf8)) }

  /// `openssh-key-v1\0`, cipher, kdf, kdf options, one key: an ed25519 public key, then the
  /// (here random) private section.
  static func openSSH(cipher: String, kdf: String, kdfOptions: [UInt8]) -> String {
    let publicKey = string("ssh-ed25519") + string(Synth.bytes(32))
    let body =
      Array("openssh-key-v1".utf8) + [0] + string(cipher) + string(kdf) + string(kdfOptions) + u32(1)
      + string(publicKey) + string(Synth.bytes(160))
    return pem("OPENSSH PRIVATE KEY", body)
  }
}

extension CredentialCase {
  static let structures: [CredentialCase] = [
    .init("password", "DB_PASSWORD=@@", "Xk9#mQ2vLp7!wR", miss: "password: changeme", low: "placeholder"),
    .init(
      "http_basic_auth", "GET /admin HTTP/1.1\r\nAuthorization: Basic @@\r\n", "b3BzOlhrOSNtUTJ2THA3IXdS",
      miss: "GET /admin HTTP/1.1\r\nAuthorization: Basic b3BzOg==\r\n"),  // ops: with no password
    .init(
      "http_bearer_token", "curl -H \"Authorization: Bearer @@\" https://api.example.com", Synth.b62(40),
      miss: "curl -H \"Authorization: Bearer ${API_TOKEN}\" https://api.example.com"),
    .init(
      "command_line_password", "sshpass -p '@@' scp backup.tar root@10.0.0.9:/srv", "Xk9#mQ2vLp7!wR",
      miss: "sshpass -p \"$SSHPASS\" scp backup.tar root@10.0.0.9:/srv"),
    .init(
      "private_key", "@@", KeyBlock.pem("RSA PRIVATE KEY", Synth.bytes(600)),
      miss: "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----", low: "too_short"),
    .init(
      "url_credentials", "DATABASE_URL=@@:5432/prod", "postgres://app:" + S.b62(18) + "@db.internal",
      miss: "git clone https://deploy:${DEPLOY_PASS}@git.corp.test/app.git", low: "placeholder"),
    .init(
      "password_hash", "alice:@@:19000:0:99999:7:::", "$6$Qw3rTy12$" + S.crypt(86),
      miss: "alice:$6$Qw3rTy12$\(S.crypt(85)):19000:0:99999:7:::"),
    .init(
      "aws_secret_access_key", "[default]\naws_secret_access_key = @@", S.b64(40),
      miss: "[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", low: "example_key"),
  ]
}

/// The credential kinds with structure: several forms each, and the reasons they carry.
struct CredentialStructureTests {
  typealias S = Synth

  /// The findings of one detector, with their reasons as a set.
  static func reported(_ text: String, _ id: String) -> [(hit: DetectionHarness.Hit, reasons: Set<String>)] {
    DetectionHarness.findings(text).filter { $0.hit.detector == id }.map { ($0.hit, Set($0.reasons)) }
  }

  // MARK: private_key

  @Test(arguments: [
    ("RSA PRIVATE KEY", "", ["rsa", "unencrypted"]),
    ("EC PRIVATE KEY", "", ["ec", "unencrypted"]),
    ("DSA PRIVATE KEY", "", ["dsa", "unencrypted"]),
    ("PRIVATE KEY", "", ["pkcs8", "unencrypted"]),
    ("ENCRYPTED PRIVATE KEY", "", ["pkcs8", "encrypted"]),
    (
      "RSA PRIVATE KEY", "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,36F33BFE5DAD4C19AA1F8C01789BBD85\n\n",
      ["rsa", "encrypted"]
    ),
  ])
  func pemKey(_ label: String, _ headers: String, _ reasons: [String]) {
    let block = KeyBlock.pem(label, S.bytes(600), headers: headers)
    let found = Self.reported("# deploy key\n\(block)\n", "private_key")
    #expect(found.map(\.hit) == [.init(detector: "private_key", value: block, confidence: .high)])
    #expect(found.first?.reasons == Set(reasons))
  }

  @Test(arguments: [
    ("none", "none", [UInt8](), ["openssh", "ed25519", "unencrypted"]),
    (
      "aes256-ctr", "bcrypt", KeyBlock.string(Synth.bytes(16)) + KeyBlock.u32(16),
      ["openssh", "ed25519", "encrypted"]
    ),
  ])
  func openSSHKey(_ cipher: String, _ kdf: String, _ options: [UInt8], _ reasons: [String]) {
    let block = KeyBlock.openSSH(cipher: cipher, kdf: kdf, kdfOptions: options)
    #expect(block.contains("b3BlbnNzaC1rZXktdjEAAAAA"))  // openssh-key-v1\0, as every such key starts
    let found = Self.reported(block, "private_key")
    #expect(found.map(\.hit) == [.init(detector: "private_key", value: block, confidence: .high)])
    #expect(found.first?.reasons == Set(reasons))
  }

  @Test func documentationPlaceholderIsTooShort() {
    let text = "Paste your key:\n-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n"
    expectOnlyLow(text, "private_key", "too_short")
  }

  /// A GCP service-account file: the PEM is a JSON string with `\n` escapes.
  @Test func jsonEscapedKeyInAServiceAccountFile() {
    let pem = KeyBlock.pem("PRIVATE KEY", S.bytes(900)).replacing("\n", with: "\\n")
    let json = """
      {
        "type": "service_account",
        "project_id": "proj-1",
        "private_key_id": "\(S.hex(40))",
        "private_key": "\(pem)\\n",
        "client_email": "svc@proj-1.iam.gserviceaccount.com"
      }
      """
    #expect(
      DetectionHarness.values(json) == [
        "private_key=\(pem)", "email_address=svc@proj-1.iam.gserviceaccount.com",
      ])
    #expect(Self.reported(json, "private_key").first?.reasons == ["pkcs8", "unencrypted"])
  }

  // MARK: password

  @Test(arguments: [
    ("DB_PASSWORD=Xk9#mQ2vLp7!", ["Xk9#mQ2vLp7!"]),
    ("[database]\nhost = db1.corp.test\npassword = Xk9#mQ2vLp7!", ["Xk9#mQ2vLp7!"]),
    ("db:\n  user: app\n  password: 'Xk9#mQ2vLp7!'", ["Xk9#mQ2vLp7!"]),
    (#"{"username": "svc", "password": "Xk9#mQ2vLp7!"}"#, ["Xk9#mQ2vLp7!"]),
    ("<connection><user>svc</user><password>Xk9#mQ2vLp7!</password></connection>", ["Xk9#mQ2vLp7!"]),
    (
      "vpn accounts\nuser: jsmith  password: Xk9#mQ2vLp7!\nuser: adoe  pwd: Tq4$wE8rNb2@",
      ["Xk9#mQ2vLp7!", "Tq4$wE8rNb2@"]
    ),
    (
      "username,password,role\njsmith,Xk9#mQ2vLp7!,admin\nadoe,Tq4$wE8rNb2@,viewer\n",
      ["Xk9#mQ2vLp7!", "Tq4$wE8rNb2@"]
    ),
    ("name\tpasswd\tnote\nsvc-backup\tS3rv!ce-2024\tnightly\n", ["S3rv!ce-2024"]),
    (#"let password: String = "Xk9#mQ2vLp7!""#, ["Xk9#mQ2vLp7!"]),
  ])
  func password(_ text: String, _ values: [String]) {
    #expect(DetectionHarness.values(text) == Set(values.map { "password=\($0)" }))
  }

  @Test(arguments: [
    ("password: changeme", "placeholder"),
    (#"password = "********""#, "placeholder"),
    ("DB_PASSWORD=${DB_PASSWORD}", "placeholder"),
    ("password=<password>", "placeholder"),
    (#"{"password": "your_password"}"#, "placeholder"),
    ("password: abc", "too_short"),
    (#"password = request.form["password"]"#, "code_reference"),
    ("db_pass = os.getenv('DB_PASS')", "code_reference"),
    ("self.password = config.database.password", "code_reference"),
    ("$password = $db_pass;", "placeholder"),
    ("passwd:         files systemd", "placeholder"),  // nsswitch.conf
  ])
  func passwordPlaceholderIsLow(_ text: String, _ reason: String) {
    expectOnlyLow(text, "password", reason)
  }

  @Test(arguments: [
    "password=", #"{"password": ""}"#, "password_hint=my first pet",
    "password_reset_url=https://corp.test/reset",
    "Forgot your password? Click here.", "bypass=1", "compass: north",
    // A test log and login.defs.
    "PASS: gdb.base/break.exp: break on main\nFAIL: gdb.base/watch.exp: watch", "PASS_MAX_DAYS\t99999",
  ])
  func notAPassword(_ text: String) {
    #expect(DetectionHarness.findings(text).filter { $0.hit.detector == "password" }.isEmpty)
  }

  /// Declarations, signatures and comments in source code name secrets without holding one.
  @Test(arguments: [
    "package static let password: DetectorSpec = {", "var token: Secret {",
    "static func parts(_ b: [UInt8]) -> (scheme: Range<Int>, password: Range<Int>, host: Range<Int>)?",
    "// Password hashes: the scheme, and the line form it sat in.",
    "func feed(_ token: XMLTextReader.Token) {",
    "let token = lowercased(head.prefix { !isBlank($0) })",
  ])
  func sourceCodeIsNotASecret(_ line: String) {
    #expect(DetectionHarness.values(line) == [])
  }

  // MARK: url_credentials

  @Test(arguments: [
    (
      "DATABASE_URL=postgres://app:pX7vK2qLm9Zt@db.internal:5432/prod",
      "postgres://app:pX7vK2qLm9Zt@db.internal"
    ),
    ("jdbc:mysql://root:S3cr3tPa55@10.0.0.5:3306/shop", "mysql://root:S3cr3tPa55@10.0.0.5"),
    (
      "MONGO_URI=mongodb+srv://admin:Tr0ub4dor3@cluster0.ab1cd.mongodb.net/app?retryWrites=true",
      "mongodb+srv://admin:Tr0ub4dor3@cluster0.ab1cd.mongodb.net"
    ),
    (
      "REDIS_URL=redis://default:9fK2pLw8qZ@redis.internal:6379/0",
      "redis://default:9fK2pLw8qZ@redis.internal"
    ),
    ("CELERY_BROKER=amqp://svc:Rk8vq2LmZ4@mq.internal:5672/", "amqp://svc:Rk8vq2LmZ4@mq.internal"),
    ("backup target ftp://backup:h4rdTo6uess@ftp.corp.test/pub", "ftp://backup:h4rdTo6uess@ftp.corp.test"),
  ])
  func urlCredentials(_ text: String, _ value: String) {
    #expect(DetectionHarness.values(text) == ["url_credentials=\(value)"])
  }

  @Test(arguments: [
    ("curl https://abc:xyz@example.com/", "example_key"),
    ("proxy: http://user:pass@proxy.example", "example_key"),
    ("git remote add origin https://ci:x@git.corp.test/app.git", "too_short"),
    ("remote: https://deploy:${DEPLOY_PASS}@git.corp.test/app.git", "placeholder"),
  ])
  func urlCredentialsSampleIsLow(_ text: String, _ reason: String) {
    expectOnlyLow(text, "url_credentials", reason)
  }

  @Test(arguments: [
    "http://host:8080@x", "see http://proxy.local:3128@gateway for details", "https://corp.test/a:b@c",
  ])
  func notURLCredentials(_ text: String) {
    #expect(Self.reported(text, "url_credentials").isEmpty)
  }

  // MARK: password_hash

  /// A line with `@@` where the hash stands, the hash, and its reasons.
  static let cryptHashes: [(String, String, [String])] = [
    (
      "root:@@:19000:0:99999:7:::", "$6$rounds=5000$Qw3rTy12$" + Synth.crypt(86),
      ["sha512crypt", "shadow_line"]
    ),
    ("admin:@@", "$apr1$xYz12345$" + Synth.crypt(22), ["apr1", "htpasswd_line"]),
    (#"hash = "@@""#, "$2b$12$" + Synth.crypt(53), ["bcrypt"]),
    ("stored: @@", "$argon2id$v=19$m=65536,t=3,p=4$" + Synth.b64(22) + "$" + Synth.b64(43), ["argon2"]),
    (
      "carol:@@:19500:0:99999:7:::", "$y$j9T$" + Synth.crypt(22) + "$" + Synth.crypt(43),
      ["yescrypt", "shadow_line"]
    ),
    ("userPassword: @@", "{SSHA}" + Synth.b64(32), ["ldap_sha"]),
    (
      "dave:@@:19600:0:99999:7:::", "$5$" + Synth.crypt(16) + "$" + Synth.crypt(43),
      ["sha256crypt", "shadow_line"]
    ),
    (" enable secret 9 @@", "$9$" + Synth.crypt(14) + "$" + Synth.crypt(43), ["cisco_type9"]),
    (
      "username admin privilege 15 secret 8 @@", "$8$" + Synth.crypt(14) + "$" + Synth.crypt(43),
      ["cisco_type8"]
    ),
    ("$1$ md5crypt: @@", "$1$" + Synth.crypt(8) + "$" + Synth.crypt(22), ["md5crypt"]),
  ]

  /// A Cisco secret one character short, or with a salt of the wrong length, is no hash.
  @Test func ciscoSecretsOfTheWrongShape() {
    #expect(DetectionHarness.values(" enable secret 9 $9$\(Synth.crypt(14))$\(Synth.crypt(42))").isEmpty)
    #expect(DetectionHarness.values(" enable secret 8 $8$\(Synth.crypt(13))$\(Synth.crypt(43))").isEmpty)
  }

  @Test(arguments: cryptHashes)
  func cryptHash(_ template: String, _ value: String, _ reasons: [String]) {
    let text = template.replacing("@@", with: value)
    #expect(DetectionHarness.values(text) == ["password_hash=\(value)"])
    #expect(Self.reported(text, "password_hash").first?.reasons == Set(reasons))
  }

  static let captureLines: [(String, [String])] = [
    ("Administrator:500:aad3b435b51404eeaad3b435b51404ee:" + Synth.hex(32) + ":::", ["ntlm", "pwdump_line"]),
    ("jdoe::CORP:" + Synth.hex(16) + ":" + Synth.hex(32) + ":" + Synth.hex(120), ["netntlmv2"]),
    ("jdoe::CORP:" + Synth.hex(48) + ":" + Synth.hex(48) + ":" + Synth.hex(16), ["netntlmv1"]),
  ]

  @Test(arguments: captureLines)
  func captureLine(_ line: String, _ reasons: [String]) {
    #expect(DetectionHarness.values("dump:\n\(line)\n") == ["password_hash=\(line)"])
    #expect(Self.reported(line, "password_hash").first?.reasons == Set(reasons))
  }

  @Test func kerberosTicket() {
    let ticket =
      "$krb5tgs$23$*svc_sql$CORP.LOCAL$MSSQLSvc/db01.corp.local:1433*$" + S.hex(32) + "$" + S.hex(400)
    #expect(DetectionHarness.values(ticket) == ["password_hash=\(ticket)"])
    #expect(Self.reported(ticket, "password_hash").first?.reasons == ["kerberos"])
  }

  @Test func emptyNTHashIsAPlaceholder() {
    let line = "Guest:501:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::"
    #expect(DetectionHarness.values(line) == [])
    #expect(Self.reported(line, "password_hash").first?.reasons == ["ntlm", "pwdump_line", "placeholder"])
  }

  static let notHashes: [String] = [
    #"hash = "$2b$12$"# + Synth.crypt(52) + #"""#,  // one character short
    "bob:$6$Qw3rTy12$" + Synth.crypt(85) + ":19000:0:99999:7:::",
    "price: $6$ per unit, $5$ on sale",
    "std::vector<int> v; a::b::c",
  ]

  @Test(arguments: notHashes)
  func notAPasswordHash(_ text: String) {
    #expect(Self.reported(text, "password_hash").isEmpty)
  }

  // MARK: aws_secret_access_key

  @Test func awsCSVExports() {
    let id = "AKIA" + S.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
    let secret = S.b64(40)
    let expected: Set<String> = ["aws_access_key_id=\(id)", "aws_secret_access_key=\(secret)"]
    // The console's credentials file, and the user-creation export.
    #expect(DetectionHarness.values("Access key ID,Secret access key\n\(id),\(secret)\n") == expected)
    let export =
      "User name,Password,Access key ID,Secret access key,Console login link\n"
      + "ci-bot,,\(id),\(secret),https://signin.aws.amazon.com/console\n"
    #expect(DetectionHarness.values(export) == expected)
    #expect(Self.reported(export, "aws_secret_access_key").first?.reasons.contains("near_key_id") == true)
    // A checksum after a key id is not its secret.
    #expect(DetectionHarness.values("\(id) \(S.hex(40))") == ["aws_access_key_id=\(id)"])
  }

  @Test func awsDocumentedPairIsLow() {
    let text = """
      [default]
      aws_access_key_id = AKIAIOSFODNN7EXAMPLE
      aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
      """
    #expect(DetectionHarness.values(text) == [])
    let low = DetectionHarness.findings(text)
    #expect(low.map(\.hit.detector).sorted() == ["aws_access_key_id", "aws_secret_access_key"])
    #expect(low.allSatisfy { $0.hit.confidence == .low && $0.reasons.contains("example_key") })
  }

  // MARK: generic_secret and the judge

  @Test(arguments: [
    #"auth_token = os.environ["AUTH_TOKEN"]"#, #"SECRET_KEY = os.getenv("SECRET_KEY")"#,
    "apiKey = settings.STRIPE_API_KEY", "token = typing.Union[bytes, str]",
  ])
  func codeReadingASecretIsLow(_ text: String) {
    expectOnlyLow(text, "generic_secret", "code_reference")
  }

  @Test(arguments: [
    ("your_api_key_here", "placeholder"), ("YOUR_API_KEY_HERE", "placeholder"),
    ("replace-with-your-client-secret", "placeholder"), ("sk_test_yourStripeSecretKeyHere123", "placeholder"),
    ("0123456789abcdef0123456789abcdef", "placeholder"), ("abcdefghijklmnopqrstuvwxyz", "placeholder"),
    ("my-super-secret-jwt-key", "low_entropy"), ("AKIAIOSFODNN7EXAMPLE", "example_key"),
  ])
  func judgedPlaceholder(_ value: String, _ reason: String) {
    let verdict = SecretJudge.judge(Array(value.utf8), minEntropy: 3.5)
    #expect(verdict.confidence == .low)
    #expect(verdict.reasons.map(\.text) == [reason])
  }

  /// 32 random hex digits, one of them eight times: 3.15 bits a character, and still a secret.
  @Test func hexIsJudgedByWhatHexCanHold() {
    let hex = "6e72599576d093399dc3659d892dd958"
    #expect(SecretJudge.judge(Array(hex.utf8), minEntropy: 3.5).reasons.map(\.text) == ["entropy"])
    #expect(DetectionHarness.values("TWILIO_API_KEY=SK\(hex)") == ["twilio_key=SK\(hex)"])
    #expect(DetectionHarness.values("API_TOKEN=\(hex)") == ["generic_secret=\(hex)"])
  }

  @Test(arguments: ["LoveYourself!2024", "Xk9#mQ2vLp7!wR", "abc12345", "Summer2024!"])
  func judgedAsIs(_ value: String) {
    #expect(SecretJudge.judge(Array(value.utf8)).confidence == nil)
  }
}
