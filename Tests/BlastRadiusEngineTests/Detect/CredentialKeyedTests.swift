import Testing

/// Secrets recognised by the name they are assigned to (KeyedRules). The near miss is a value
/// under a name that says identifier, a template, or a documentation placeholder.
extension CredentialCase {
  static let keyed: [CredentialCase] = [
    .init(
      "hashicorp_vault_legacy_token", "export VAULT_TOKEN=@@", "s." + S.b62(24),
      miss: "console.log(s.\(S.b62(24)))"),
    .init(
      "kubernetes_bootstrap_token",
      "kubeadm join 10.0.0.1:6443 --token @@ --discovery-token-ca-cert-hash sha256:\(S.hex(64))",
      S.lowerAlnum(6) + "." + S.lowerAlnum(16),
      miss: "kubeadm join 10.0.0.1:6443 --token-ttl \(S.lowerAlnum(6)).\(S.lowerAlnum(16))"),
    .init(
      "wireguard_key", "[Interface]\nPrivateKey = @@\nAddress = 10.0.0.2/24\n", S.b64(43) + "=",
      miss: "[Peer]\nPublicKey = \(S.b64(43))=\n"),
    .init(
      "aws_session_token", "[default]\naws_session_token = @@", "IQoJb3JpZ2luX2VjE" + S.b64(340) + "==",
      miss: "[default]\naws_session_token = ${AWS_SESSION_TOKEN}"),
    .init(
      "twilio_auth_token", "TWILIO_AUTH_TOKEN=@@", S.hex(32),
      miss: "TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef", low: "placeholder"),
    .init(
      "heroku_api_key_legacy", "HEROKU_API_KEY=@@", S.uuid(),
      miss: #"{"herokuAppId": "\#(S.uuid())"}"#),
    .init(
      "datadog_api_key", "DD_API_KEY=@@", S.hex(32),
      miss: "# datadog.yaml\napi_key: <DATADOG_API_KEY>"),
    .init(
      "okta_api_token", "OKTA_API_TOKEN=@@", "00" + S.url(40),
      miss: "OKTA_CLIENT_ID=0oa\(S.b62(17))"),
    .init(
      "algolia_admin_key", "ALGOLIA_ADMIN_API_KEY=@@", S.hex(32),
      miss: "ALGOLIA_APP_ID=\(S.upperAlnum(10))"),
    .init(
      "cloudflare_api_token", "CLOUDFLARE_API_TOKEN=@@", S.url(40),
      miss: "CLOUDFLARE_ZONE_ID=\(S.hex(32))"),
    .init(
      "azure_devops_pat", "AZURE_DEVOPS_EXT_PAT=@@", S.chars("abcdefghijklmnopqrstuvwxyz234567", 52),
      miss: "AZURE_DEVOPS_ORG_URL=https://dev.azure.com/contoso"),
    .init(
      "snyk_token", "SNYK_TOKEN=@@", S.uuid(),
      miss: "SNYK_ORG_ID=\(S.uuid())"),
    .init(
      "vercel_token", "VERCEL_TOKEN=@@", S.b62(24),
      miss: "VERCEL_PROJECT_ID=prj_\(S.b62(28))"),
    .init(
      "pagerduty_token", "PAGERDUTY_API_TOKEN=@@", S.chars(Synth.base62 + "_+-", 20),
      miss: "PAGERDUTY_SERVICE_ID=P\(S.upperAlnum(6))"),
    .init(
      "zendesk_token", "ZENDESK_API_TOKEN=@@", S.b62(40),
      miss: "ZENDESK_SUBDOMAIN=acme-support"),
    .init(
      "splunk_hec_token", "SPLUNK_HEC_TOKEN=@@", S.uuid(),
      miss: "SPLUNK_HEC_TOKEN=00000000-0000-0000-0000-000000000000", low: "placeholder"),
    .init(
      "jenkins_api_token", "JENKINS_API_TOKEN=@@", "11" + S.hex(32),
      miss: #"jenkins_api_token: "{{ vault_jenkins_token }}""#),
    .init(
      "intercom_token", "INTERCOM_ACCESS_TOKEN=@@", S.b64(59) + "=",
      miss: "INTERCOM_APP_ID=\(S.lowerAlnum(8))"),
    .init(
      "atlassian_api_token", "JIRA_URL=https://acme.atlassian.net\nJIRA_API_TOKEN=@@", S.b62(24),
      miss: "JIRA_URL=https://acme.atlassian.net\nJIRA_PROJECT_KEY=OPS"),
    .init(
      "twitch_token", "TWITCH_CLIENT_SECRET=@@", S.lowerAlnum(30),
      miss: "TWITCH_CLIENT_ID=\(S.lowerAlnum(30))x"),
    .init(
      "postmark_token", "X-Postmark-Server-Token: @@", S.uuid(),
      miss: "X-Postmark-Server-Token: 00000000-0000-0000-0000-000000000000", low: "placeholder"),
    .init(
      "codecov_token", "CODECOV_TOKEN=@@", S.uuid(),
      miss: "CODECOV_URL=https://codecov.io"),
    .init(
      "confluent_secret", "confluent.api.secret=@@", S.b64(64),
      miss: "confluent.api.key=\(S.upperAlnum(16))"),
    .init(
      "auth0_client_secret", "AUTH0_CLIENT_SECRET=@@", S.url(64),
      miss: "AUTH0_DOMAIN=acme.eu.auth0.com"),
    .init(
      "ibm_cloud_api_key", "IBMCLOUD_API_KEY=@@", S.url(44),
      miss: "IBMCLOUD_REGION=eu-de"),
    .init(
      "alibaba_secret_key", "ALIBABA_CLOUD_ACCESS_KEY_SECRET=@@", S.b62(30),
      miss: "ALIBABA_CLOUD_REGION_ID=cn-hangzhou"),
    .init(
      "github_oauth_app_secret", "GITHUB_CLIENT_SECRET=@@", S.hex(40),
      miss: "GITHUB_CLIENT_ID=Iv1.\(S.hex(16))"),
    .init(
      "facebook_app_secret", "FACEBOOK_APP_SECRET=@@", S.hex(32),
      miss: "FACEBOOK_APP_ID=\(S.chars(Synth.digits, 15))"),
    .init(
      "twitter_secret", "TWITTER_CONSUMER_SECRET=@@", S.b62(50),
      miss: "TWITTER_HANDLE=@example"),
    .init(
      "dropbox_token", "DROPBOX_ACCESS_TOKEN=@@", "sl." + S.url(135),
      miss: "DROPBOX_APP_KEY=\(S.lowerAlnum(15))"),
    .init(
      "discord_bot_token", "DISCORD_TOKEN=@@", "MT" + S.url(24) + "." + S.url(6) + "." + S.url(38),
      miss: "DISCORD_GUILD_ID=\(S.chars(Synth.digits, 18))"),
    .init(
      "launchdarkly_key", "LAUNCHDARKLY_SDK_KEY=@@", "sdk-" + S.uuid(),
      miss: "LAUNCHDARKLY_PROJECT=default"),
    .init(
      "airtable_key", "AIRTABLE_API_KEY=@@", "pat" + S.b62(14) + "." + S.hex(64),
      miss: "AIRTABLE_BASE_ID=app\(S.b62(14))"),
    .init(
      "generic_secret", "oauth:\n  client_secret: \"@@\"", S.chars(Synth.base62 + "!#%&*+-./", 30),
      miss: "oauth:\n  client_secret: \"your-client-secret\"", low: "placeholder"),
  ]
}

/// Names assigned in the less usual ways.
struct CredentialKeyedSyntaxTests {
  typealias S = Synth

  /// A long option names its secret as an assignment does, for names that say which secret;
  /// the generic words (`--token`, `--api-key`) alone are too common in commands and docs.
  @Test func aLongOptionTakesTheNextArgument() {
    let key = S.hex(32)
    #expect(DetectionHarness.values("agent --datadog-api-key \(key) --verbose") == ["datadog_api_key=\(key)"])
    #expect(DetectionHarness.values("agent --datadog-api-key \"\(key)\"") == ["datadog_api_key=\(key)"])
    // Another option, or a name without the leading dashes, is no assignment.
    #expect(DetectionHarness.values("agent --datadog-api-key --\(key)").isEmpty)
    #expect(DetectionHarness.values("the datadog key \(key) was rotated").isEmpty)
  }

  @Test func aKubeadmConfigsBootstrapToken() {
    let token = S.lowerAlnum(6) + "." + S.lowerAlnum(16)
    #expect(
      DetectionHarness.values("bootstrapTokens:\n- token: \"\(token)\"\n  ttl: 24h0m0s\n")
        == ["kubernetes_bootstrap_token=\(token)"])
  }
}

/// Passwords as people write them (issue 19, item 2), each with the exact value found, and the
/// near misses beside them (item 4): UI strings, routes, code that names a variable, policies.
struct PasswordSyntaxTests {
  static let secret = "Tr0ub4dor&3x"

  @Test(arguments: [
    "var dbPassword = \"@@\"",  // Go
    "password := \"@@\"",
    "const apiPassword = `@@`",
    "DB_PASSWORD ?= @@",  // Makefile
    "DB_PASSWORD := @@",
    "DB_PASSWORD ::= @@",
    "$password .= \"@@\";",  // PHP
    "props.setProperty(\"password\", \"@@\");",
    "config.put('db.password', '@@')",
    "<password>\n  @@\n</password>",
    "<add key=\"SmtpPassword\" value=\"@@\"/>",
    "{\"config\": \"{\\\"password\\\": \\\"@@\\\"}\"}",  // JSON inside a JSON string
    "machine api.example.com login deploy password @@",  // .netrc
    "machine api.example.com\n  login deploy\n  password @@",
    "var cred = new NetworkCredential(\"deploy\", \"@@\");",
    "For the share, the password is @@ until Friday.",
  ])
  func found(_ template: String) {
    let text = template.replacing("@@", with: Self.secret)
    #expect(DetectionHarness.values(text) == ["password=\(Self.secret)"], "\(text)")
  }

  @Test(arguments: [
    "passwordLabel: \"Password:\",",
    "\"forgotPassword\": \"Forgot your password?\"",
    "<a href=\"#add-password\">Add password</a>",
    "route: \"/settings/change-password\"",
    "Enter &lt;YOURPASSWORD&gt; here",
    "pwd = (char *)malloc(64);",
    "password = getpass(\"Password: \")",
    "\"arn:aws:iam::123456789012:role/PasswordRotation\"",
    "{\"Effect\": \"Allow\", \"Action\": \"iam:ChangePassword\", \"Resource\": \"*\"}",
    "password_hint: \"your pet's name\"",
    "<input type=\"password\" name=\"password\" placeholder=\"Password\">",
    "String password = request.getParameter(\"password\");",
    "DB_PASSWORD != echo hunter2x",  // a shell command's output, not a value
    "The password is wrong.",
    "Your password was reset yesterday",
    "if (password == Tr0ub4dor&3x) return;",  // a comparison
    "new NetworkCredential(user, pass)",  // variables
    "errors.add(\"password\", \"is too short\");",  // a message, not a value
    "log.info(\"password\", user);",
    "password Tr0ub4dor&3x",  // not a .netrc entry
  ])
  func notFound(_ text: String) {
    #expect(DetectionHarness.values(text).isEmpty, "\(text)")
  }

  /// A URL's password may hold `@` and `:` unescaped: the host is after the last `@`.
  @Test func aURLPasswordWithAtAndColon() {
    let url = "postgres://app:p@ss:w0rd@db.prod.internal:5432/app"
    #expect(
      DetectionHarness.values("DATABASE_URL=\(url)")
        == ["url_credentials=postgres://app:p@ss:w0rd@db.prod.internal"])
    // An address after the path is not part of the password.
    #expect(
      DetectionHarness.values("see https://app:Xk9mQ2vL@db.prod.internal/x?to=ops@corp.internal")
        .contains("url_credentials=https://app:Xk9mQ2vL@db.prod.internal"))
  }
}
