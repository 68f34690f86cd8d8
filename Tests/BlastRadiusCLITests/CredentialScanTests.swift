import Foundation
import SynthFormats
import Testing

/// Credentials as they sit in a share: env, ini, YAML and JSON configs, plain lists, a
/// spreadsheet and a zipped backup, plus placeholders that must not be reported, files that are
/// credentials by nature, user rules, and whole-document classes.
struct CredentialScanTests {
  /// Synthetic secrets in the vendors' formats, made up here (high entropy, never real).
  enum Secret {
    /// A deterministic high-entropy string over `alphabet`.
    static func random(
      _ count: Int, _ alphabet: String = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
      seed: UInt64
    ) -> String {
      let chars = Array(alphabet)
      var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
      return String(
        (0..<count).map { _ in
          state ^= state << 13
          state ^= state >> 7
          state ^= state << 17
          return chars[Int(state % UInt64(chars.count))]
        })
    }

    static let awsKeyID = "AKIA" + random(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", seed: 1)
    static let awsSecret = random(40, seed: 2)
    static let github = ChecksummedToken.make(prefix: "ghp_", random: random(30, seed: 3))
    static let slack = "xoxb-" + random(12, "0123456789", seed: 4) + "-" + random(24, seed: 5)
    static let stripe = "sk_live_" + random(24, seed: 6)
    static let password = "Tr0ub4dor&" + random(4, seed: 7)
    static let dbURL = "postgres://app:" + random(12, seed: 8) + "@db.internal:5432/prod"
    static let base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    static let crypt = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    /// Two 64-character lines of a PEM body.
    static let pemLines = [random(64, base64, seed: 10), random(64, base64, seed: 11)]
    static let bcrypt = "$2b$12$" + random(53, crypt, seed: 12)
    static let sha512crypt = "$6$" + random(8, crypt, seed: 13) + "$" + random(86, crypt, seed: 14)
  }

  /// The same credentials in each config syntax.
  static let configs: [(String, String)] = [
    (
      "app/.env",
      """
      AWS_ACCESS_KEY_ID=\(Secret.awsKeyID)
      AWS_SECRET_ACCESS_KEY=\(Secret.awsSecret)
      GITHUB_TOKEN=\(Secret.github)
      DB_PASSWORD=\(Secret.password)
      DATABASE_URL=\(Secret.dbURL)
      SSH_KEY="-----BEGIN OPENSSH PRIVATE KEY-----\\n\(Secret.pemLines[0])\\n\(Secret.pemLines[1])\\n-----END OPENSSH PRIVATE KEY-----"
      ADMIN_HASH='\(Secret.bcrypt)'

      """
    ),
    (
      "app/settings.ini",
      """
      [slack]
      token = \(Secret.slack)
      [database]
      password = "\(Secret.password)"
      admin_hash = \(Secret.sha512crypt)

      """
    ),
    (
      "deploy/values.yaml",
      """
      stripe:
        secret_key: \(Secret.stripe)
      db:
        password: '\(Secret.password)'
        url: "\(Secret.dbURL)"
      tls:
        key: |
          -----BEGIN RSA PRIVATE KEY-----
          \(Secret.pemLines[0])
          \(Secret.pemLines[1])
          -----END RSA PRIVATE KEY-----

      """
    ),
    (
      "deploy/secrets.json",
      """
      {"aws_access_key_id": "\(Secret.awsKeyID)", "aws_secret_access_key": "\(Secret.awsSecret)",
       "password": "\(Secret.password)", "github": "\(Secret.github)",
       "service_key": "-----BEGIN PRIVATE KEY-----\\n\(Secret.pemLines[0])\\n\(Secret.pemLines[1])\\n-----END PRIVATE KEY-----\\n"}

      """
    ),
    (
      "notes/logins.txt",
      """
      user: jroe  password: \(Secret.password)
      slack bot \(Secret.slack)
      root:\(Secret.sha512crypt):19000:0:99999:7:::

      """
    ),
  ]

  /// What each config file holds, as `path detector line`.
  static let expectedConfigs: Set<String> = [
    "app/.env aws_access_key_id 1", "app/.env aws_secret_access_key 2", "app/.env github_token 3",
    "app/.env password 4", "app/.env url_credentials 5",
    "app/settings.ini slack_token 2", "app/settings.ini password 4",
    "deploy/values.yaml stripe_key 2", "deploy/values.yaml password 4",
    "deploy/values.yaml url_credentials 5",
    "deploy/secrets.json aws_access_key_id 1", "deploy/secrets.json aws_secret_access_key 1",
    "deploy/secrets.json password 2", "deploy/secrets.json github_token 2",
    "notes/logins.txt password 1", "notes/logins.txt slack_token 2",
    // Private keys and password hashes in the same syntaxes.
    "app/.env private_key 6", "app/.env password_hash 7", "app/settings.ini password_hash 5",
    "deploy/values.yaml private_key 8", "deploy/secrets.json private_key 3",
    "notes/logins.txt password_hash 3",
  ]

  static func describe(_ fixture: Fixture, _ findings: [[String: Any]]) -> Set<String> {
    Set(
      findings.map { f in
        let path = (f["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: "")
        let within = (f["within"] as! [String]).joined(separator: " > ")
        return (within.isEmpty ? path : "\(path) > \(within)") + " \(f["detector"]!) \(f["line"]!)"
      })
  }

  /// A one-sheet workbook with a password column and a key in a cell.
  static func workbook() throws -> [UInt8] {
    func b(_ s: String) -> [UInt8] { Array(s.utf8) }
    let ct =
      #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#
    let book =
      #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Accounts" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    let rels =
      #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
    func cell(_ ref: String, _ text: String) -> String {
      #"<c r="\#(ref)" t="inlineStr"><is><t>\#(text.replacingOccurrences(of: "&", with: "&amp;"))</t></is></c>"#
    }
    let sheet =
      #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
      + #"<row r="1">"# + cell("A1", "service") + cell("B1", "username") + cell("C1", "password")
      + cell("D1", "notes") + cell("E1", "hash") + "</row>"
      + #"<row r="2">"# + cell("A2", "payroll") + cell("B2", "svc_payroll") + cell("C2", Secret.password)
      + cell("D2", "key " + Secret.stripe) + cell("E2", Secret.bcrypt) + "</row>"
      + #"<row r="3">"# + cell("A3", "wiki") + cell("B3", "jroe") + cell("C3", "changeme") + cell("D3", "")
      + "</row>"
      + "</sheetData></worksheet>"
    return try ArchiveFixture.make(
      .zip,
      entries: [
        ("[Content_Types].xml", b(ct)), ("xl/workbook.xml", b(book)), ("xl/_rels/workbook.xml.rels", b(rels)),
        ("xl/worksheets/sheet1.xml", b(sheet)),
      ])
  }

  @Test func everyKindInEveryConfigSyntaxSpreadsheetAndArchive() throws {
    let fixture = try Fixture()
    for (path, text) in Self.configs { try fixture.write(path, text) }
    try fixture.write("it/accounts.xlsx", try Self.workbook())
    try fixture.write(
      "backup/config-2014.zip",
      try ArchiveFixture.make(.zip, entries: Self.configs.map { ($0.0, Array($0.1.utf8)) }))
    let result = try fixture.scan()
    var expected = Self.expectedConfigs
    for entry in Self.expectedConfigs {
      expected.insert("backup/config-2014.zip > " + entry)
    }
    // The sheet: the password column's value (not the placeholder) and the key in the notes.
    expected.insert("it/accounts.xlsx password 2")
    expected.insert("it/accounts.xlsx stripe_key 2")
    expected.insert("it/accounts.xlsx password_hash 2")
    #expect(Self.describe(fixture, result.findings) == expected)
    #expect(
      result.findings.filter { $0["detector"] as? String == "password" }.allSatisfy {
        $0["masked"] as? String == "********"
      })
    #expect(result.errors.isEmpty)
    #expect(result.status == 1)
  }

  @Test func placeholdersAndExampleKeysAreSetAsideWithTheirReason() throws {
    let fixture = try Fixture()
    try fixture.write(
      "docs/setup.env",
      """
      AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
      AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
      DB_PASSWORD=changeme
      ADMIN_PASSWORD=<your-password>
      API_PASSWORD=${API_PASSWORD}
      SMTP_PASSWORD=********
      EMPTY_PASSWORD=
      password = os.environ["DB_PASSWORD"]
      DATABASE_URL=postgres://app:${DB_PASS}@db:5432/prod
      CLIENT_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx

      """)
    let quiet = try fixture.scan()
    #expect(quiet.findings.isEmpty)
    #expect(quiet.status == 0)
    let all = try fixture.scan(["--min-confidence", "low"])
    let reasons = Set(
      all.findings.map { f in
        "\(f["line"]!) \(f["detector"]!) \(f["confidence"]!) "
          + (f["reasons"] as! [String]).joined(separator: ",")
      })
    #expect(
      reasons == [
        "1 aws_access_key_id low token_format,example_key",
        // Named, and right after the example key id.
        "2 aws_secret_access_key low near_key_id,example_key,assignment",
        "3 password low assignment,placeholder",
        "4 password low assignment,placeholder",
        "5 password low assignment,placeholder",
        "6 password low assignment,placeholder",
        "8 password low assignment,code_reference",
        "9 url_credentials low format,placeholder",
        "10 generic_secret low assignment,placeholder",
      ])
  }

  @Test func filesThatAreCredentialsByNature() throws {
    let fixture = try Fixture()
    try fixture.write(
      "home/ann/vault.kdbx",
      [0x03, 0xD9, 0xA2, 0x9A, 0x67, 0xFB, 0x4B, 0xB5] + [UInt8](repeating: 0, count: 64))
    try fixture.write("home/ann/.aws/credentials", "[default]\naws_region = us-east-1\n")
    try fixture.write("home/ann/.netrc", "machine ftp.example.com login ann password hunter22\n")
    try fixture.write("home/ann/.ssh/id_ed25519.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 ann@host\n")
    try fixture.write("home/ann/renamed.bin", [0x03, 0xD9, 0xA2, 0x9A, 0x67, 0xFB, 0x4B, 0xB5, 0, 0, 0, 0])
    try fixture.write(
      "backup/home.zip",
      try ArchiveFixture.make(.zip, entries: [("ann/certs/client.pfx", [0x30, 0x82, 0x0A, 0x01, 0x02])]))
    let result = try fixture.scan()
    let found = Set(
      result.findings.map { f in
        let path = (f["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: "")
        return "\(path) \((f["within"] as! [String]).joined()) \(f["confidence"]!) \(f["masked"]!)"
      })
    #expect(
      found == [
        "home/ann/vault.kdbx  high keepass: vault.kdbx",
        // Named right, but without the key id the file should hold.
        "home/ann/.aws/credentials  medium aws_credentials: credentials",
        "home/ann/.netrc  high netrc: .netrc",
        // The password in it, read as a .netrc entry.
        "home/ann/.netrc  medium ********",
        "home/ann/renamed.bin  high keepass: renamed.bin",
        "backup/home.zip ann/certs/client.pfx high pkcs12: client.pfx",
      ])
  }

  @Test func userRulesFromAYAMLFile() throws {
    let fixture = try Fixture()
    let rules = fixture.root.appendingPathComponent("rules.yaml").path
    try """
    rules:
      - id: acme_employee_id
        category: hr
        description: ACME employee number next to the word employee or badge.
        example: EMP-****56
        patterns: ['EMP-[0-9]{6}']
        context: [employee, badge]
        allowlist: [EMP-000000]
      - id: acme_card_token
        category: financial
        patterns: ['ACT[0-9]{16}']
        validator: luhn
        confidence: high
      - id: acme_api_key
        category: credential
        patterns: ['acme_[A-Za-z0-9]{24}']
        keywords: [acme_]
        min_entropy: 3.5

    """.write(toFile: rules, atomically: true, encoding: .utf8)
    try fixture.write(
      "hr/roster.txt",
      """
      employee EMP-123456 badge 7
      EMP-654321 with nothing around it
      employee EMP-000000 (the template)
      token ACT4111111111111111 and ACT4111111111111112
      key acme_\(Secret.random(24, seed: 9)) and acme_aaaaaaaaaaaaaaaaaaaaaaaa

      """)
    let result = try fixture.scan(["--rules", rules])
    #expect(
      Self.describe(fixture, result.findings) == [
        "hr/roster.txt acme_employee_id 1", "hr/roster.txt acme_card_token 4", "hr/roster.txt acme_api_key 5",
      ])
    let low = try fixture.scan(["--rules", rules, "--min-confidence", "low", "--only", "acme_api_key"])
    let lowReasons: Set<String> = Set(
      low.findings.map { ($0["reasons"] as! [String]).joined(separator: ",") })
    #expect(lowReasons == ["rule,keyword,entropy", "rule,keyword,low_entropy"])
    // --except drops a whole category, user rules included.
    let noHR = try fixture.scan(["--rules", rules, "--except", "hr,credential"])
    #expect(Self.describe(fixture, noHR.findings) == ["hr/roster.txt acme_card_token 4"])
    let listed = try CLI.run("blastradius", ["detectors", "--rules", rules])
    #expect(listed.stdout.contains("acme_employee_id  [hr]  e.g. EMP-****56"))
  }

  @Test func aBadRulesFileStopsTheScanWithItsRuleAndReason() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", "nothing\n")
    let rules = fixture.root.appendingPathComponent("bad.yaml").path
    try "rules:\n  - id: broken_rule\n    category: hr\n    patterns: ['EMP-[0-9']\n".write(
      toFile: rules, atomically: true, encoding: .utf8)
    let result = try fixture.scan(["--rules", rules])
    #expect(result.status == 2)
    #expect(result.stderr.contains("rule 'broken_rule': pattern EMP-[0-9"))
    try "rules:\n  - id: us_ssn\n    category: hr\n    patterns: ['x']\n".write(
      toFile: rules, atomically: true, encoding: .utf8)
    #expect(try fixture.scan(["--rules", rules]).stderr.contains("rule 'us_ssn': the id is already taken"))
    try "rules:\n  - id: ok_rule\n    category: hr\n    patterns: ['x']\n    validator: crc\n".write(
      toFile: rules, atomically: true, encoding: .utf8)
    #expect(try fixture.scan(["--rules", rules]).stderr.contains("unknown validator 'crc'"))
  }
}
