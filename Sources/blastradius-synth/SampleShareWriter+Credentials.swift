import Foundation

/// The IT folder's credentials: configs with keys and passwords in the vendors' formats, a service-account file, an
/// admin's password list, password hashes from a server and a web folder, and a password vault in a backup; beside
/// them a template whose placeholders must stay quiet at the default confidence.
extension SampleShareWriter {
  mutating func writeCredentials() throws {
    try writeAppEnv()
    try writeEnvTemplate()
    try writeBillingConfig()
    try writeServiceAccount()
    try writePasswordList()
    try writeShadowExcerpt()
    try writeHtpasswd()
    try writeVault()
  }

  private mutating func writeAppEnv() throws {
    let file = "it/config/payroll-app.env"
    let keyID = FakeSecrets.awsAccessKeyID(&factory.rng)
    let secret = FakeSecrets.awsSecretAccessKey(&factory.rng)
    let github = FakeSecrets.githubToken(&factory.rng)
    let slack = FakeSecrets.slackBotToken(&factory.rng)
    let password = FakeSecrets.password(&factory.rng, symbols: false)
    // The connection string reuses the database password, as such files do.
    let url = "postgres://payroll_app:\(password)@db01.corp.internal"
    let text = """
      # payroll-app production settings (synthetic values)
      APP_ENV=production
      AWS_REGION=us-east-1
      AWS_ACCESS_KEY_ID=\(keyID)
      AWS_SECRET_ACCESS_KEY=\(secret)
      GITHUB_TOKEN=\(github)
      SLACK_BOT_TOKEN=\(slack)
      DATABASE_URL=\(url):5432/payroll
      DB_PASSWORD=\(password)

      """
    try write(file, text)
    plant(.awsAccessKeyID, keyID, in: file)
    plant(.awsSecretAccessKey, secret, in: file)
    plant(.githubToken, github, in: file)
    plant(.slackToken, slack, in: file)
    plant(.urlCredentials, url, in: file)
    plant(.password, password, in: file)
  }

  /// What a repository ships for others to fill in: the scanner sets these aside as placeholders and AWS's
  /// documented example key, reported only with `--min-confidence low`.
  private mutating func writeEnvTemplate() throws {
    let text = """
      # Copy to payroll-app.env and fill in.
      AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
      AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
      DB_PASSWORD=changeme
      SMTP_PASSWORD=${SMTP_PASSWORD}

      """
    try write("it/config/payroll-app.env.example", text)
  }

  private mutating func writeBillingConfig() throws {
    let file = "it/config/billing.yaml"
    let stripe = FakeSecrets.stripeSecretKey(&factory.rng)
    let text = """
      billing:
        currency: usd
        stripe:
          secret_key: \(stripe)
          webhook_path: /hooks/stripe
        invoice_prefix: NW

      """
    try write(file, text)
    plant(.stripeKey, stripe, in: file)
  }

  /// A cloud service-account key file: the private key PEM sits JSON-escaped on one line.
  private mutating func writeServiceAccount() throws {
    let file = "it/config/gcp-etl-service-account.json"
    let lines = FakeSecrets.pemLines(12, &factory.rng)
    let keyID = FakeSecrets.random(40, Array("0123456789abcdef"), &factory.rng)
    let email = "etl-loader@northwind-analytics.iam.gserviceaccount.com"
    let pem = (["-----BEGIN PRIVATE KEY-----"] + lines + ["-----END PRIVATE KEY-----", ""]).joined(
      separator: "\\n")
    let text = """
      {
        "type": "service_account",
        "project_id": "northwind-analytics",
        "private_key_id": "\(keyID)",
        "private_key": "\(pem)",
        "client_email": "\(email)",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token"
      }

      """
    try write(file, text)
    plant(.privateKey, lines.joined(), in: file)
    plant(.emailAddress, email, in: file)
  }

  private mutating func writePasswordList() throws {
    let file = "it/admin/service-accounts.txt"
    var lines = ["Service accounts (synthetic)", ""]
    for user in ["svc_backup", "svc_payroll", "admin"] {
      let password = FakeSecrets.password(&factory.rng)
      lines.append("user: \(user)  password: \(password)")
      plant(.password, password, in: file)
    }
    try write(file, lines.joined(separator: "\n") + "\n")
  }

  /// Lines copied from a server's /etc/shadow: one account with a sha512crypt hash, the others locked.
  private mutating func writeShadowExcerpt() throws {
    let file = "it/servers/web01-shadow.txt"
    let hash = FakeSecrets.sha512crypt(&factory.rng)
    let text = """
      daemon:*:19000:0:99999:7:::
      root:\(hash):19000:0:99999:7:::
      nobody:*:19000:0:99999:7:::

      """
    try write(file, text)
    plant(.passwordHash, hash, in: file)
  }

  /// An htpasswd file: a credential by its name, with an Apache MD5 hash on each line.
  private mutating func writeHtpasswd() throws {
    let file = "it/web/.htpasswd"
    var lines: [String] = []
    for user in ["admin", "webdev"] {
      let hash = FakeSecrets.apr1(&factory.rng)
      lines.append("\(user):\(hash)")
      plant(.passwordHash, hash, in: file)
    }
    try write(file, lines.joined(separator: "\n") + "\n")
    plant(.credentialFile, file, in: file)
  }

  /// A KeePass 2 vault: its signature and version, then bytes that stand for the encrypted database.
  private mutating func writeVault() throws {
    let file = "it/backup/passwords.kdbx"
    var data = Data([0x03, 0xD9, 0xA2, 0x9A, 0x67, 0xFB, 0x4B, 0xB5, 0x00, 0x00, 0x04, 0x00])
    for _ in 0..<500 { data.append(UInt8(truncatingIfNeeded: factory.rng.next())) }
    try write(file, data)
    plant(.credentialFile, file, in: file)
  }
}
