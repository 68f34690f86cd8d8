import Foundation
import SynthFormats
import Testing

/// Vendor tokens recognised by their published shape (TokenRules). Formats as gitleaks and
/// TruffleHog define them; the near miss is one character short unless said otherwise.
extension CredentialCase {
  typealias S = Synth

  static let tokens: [CredentialCase] = cloud + sourceControl + chat + payments + ai + devtools + services

  static let cloud: [CredentialCase] = [
    .init(
      "aws_access_key_id", "[default]\naws_access_key_id = @@",
      "AKIA" + S.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
      miss: "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE", low: "example_key"),
    .init(
      "aws_temporary_access_key_id", #"    "AccessKeyId": "@@","#,
      "ASIA" + S.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
      miss: #"    "AccessKeyId": "ASIAXXXXXXXXXXXXXXXX","#, low: "placeholder"),
    .init(
      "google_api_key", #"<string name="google_api_key" translatable="false">@@</string>"#,
      "AIza" + S.url(35),
      miss: #"const mapsKey = "AIza\#(S.url(34))";"#),
    .init(
      "gcp_oauth_client_secret",
      #"{"web":{"client_id":"1234.apps.googleusercontent.com","client_secret":"@@"}}"#,
      "GOCSPX-" + S.url(28),
      miss: #"{"web":{"client_secret":"GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx"}}"#, low: "placeholder"),
    .init(
      "azure_storage_key",
      "DefaultEndpointsProtocol=https;AccountName=stprod01;@@;EndpointSuffix=core.windows.net",
      "AccountKey=" + S.b64(86) + "==",
      miss:
        "DefaultEndpointsProtocol=https;AccountName=stprod01;AccountKey=\(S.b64(85))==;EndpointSuffix=core.windows.net"
    ),
    .init(
      "azure_ad_client_secret", #"AZURE_CLIENT_SECRET="@@""#,
      S.b62(3) + "8Q~" + S.chars(S.base62 + "_~.-", 34),
      miss: #"AZURE_CLIENT_SECRET="abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""#, low: "placeholder"),
    .init(
      "alibaba_access_key_id", "alicloud:\n  access_key_id: @@", "LTAI" + S.b62(20),
      miss: "alicloud:\n  access_key_id: LTAI\(S.b62(19))"),
    .init(
      "digitalocean_token", "export DIGITALOCEAN_TOKEN=@@", "dop_v1_" + S.hex(64),
      miss: "doctl auth init -t dop_v1_\(S.hex(64).uppercased())"),  // wrong case
    .init(
      "hashicorp_vault_token", "VAULT_TOKEN=@@", "hvs." + S.url(95),
      miss: "vault login hvs.\(S.url(89))"),
    .init(
      "terraform_cloud_token", "credentials \"app.terraform.io\" {\n  token = \"@@\"\n}",
      S.lowerAlnum(14) + ".atlasv1." + S.url(67),
      miss:
        "credentials \"app.terraform.io\" {\n  token = \"xxxxxxxxxxxxxx.atlasv1.\(String(repeating: "x", count: 64))\"\n}",
      low: "placeholder"),
    .init(
      "doppler_token", "DOPPLER_TOKEN=@@", "dp.st.prd." + S.b62(44),
      miss: "doppler setup --token dp.pt.\(S.b62(39))"),
    .init(
      "heroku_api_key", "HEROKU_API_KEY=@@", "HRKU-AA" + S.url(58),
      miss: "rotated HRKU-\(S.b62(60)) for the app"),  // no AA after the prefix
    .init(
      "fly_io_token", "FLY_API_TOKEN=@@", "fo1_" + S.url(43),
      miss: "FLY_API_TOKEN=fo1_\(String(repeating: "x", count: 43))", low: "placeholder"),
    .env("netlify_token", "NETLIFY_AUTH_TOKEN", "nfp_", .word, 36, miss: "netlify deploy --auth @@"),
    .env(
      "render_api_key", "RENDER_API_KEY", "rnd_", .b62, 32,
      miss: "upstream rejected @@ as invalid (https://api.render.com/v1/services)"),
    .env("supabase_token", "SUPABASE_ACCESS_TOKEN", "sbp_", .hex, 40, miss: "supabase login --token @@"),
    .init(
      "planetscale_token", "DATABASE_PASSWORD=@@", "pscale_pw_" + S.chars(S.base62 + "_.-", 43),
      miss: "DATABASE_PASSWORD=pscale_pw_\(String(repeating: "x", count: 43))", low: "placeholder"),
    .init(
      "databricks_token", "[DEFAULT]\nhost = https://adb-1234.azuredatabricks.net\ntoken = @@",
      "dapi" + S.hex(32),
      miss: "token = dapi0000000000000000ffffffffffffffff", low: "low_entropy"),
    .env(
      "pulumi_token", "PULUMI_ACCESS_TOKEN", "pul-", .hex, 40,
      miss: "pulumi login --cloud-url https://api.pulumi.com @@"),
    .init(
      "tailscale_key", "TS_AUTHKEY=@@", "tskey-auth-k" + S.b62(11) + "CNTRL-" + S.b62(33),
      miss: "tailscale up --authkey tskey-auth-\(S.b62(17))"),
    .env("scalingo_token", "SCALINGO_API_TOKEN", "tk-us-", .url, 48, miss: "scalingo login --api-token @@"),
  ]

  static let sourceControl: [CredentialCase] = [
    .init(
      "github_token", "GITHUB_TOKEN=@@", ChecksummedToken.make(prefix: "ghp_", random: S.b62(30)),
      miss:
        "curl -H 'Authorization: token ghp_16C7e42F292c6912E7710c838347Ae178B4a' https://api.github.com/user",
      low: "example_key"),
    .init(
      "github_fine_grained_token", "gh:\n  token: @@", "github_pat_" + S.b62(22) + "_" + S.b62(59),
      miss: "gh auth login --with-token github_pat_\(S.b62(22))_\(S.b62(58))"),
    .env("gitlab_token", "GITLAB_TOKEN", "glpat-", .url, 20, miss: "glab auth login --token @@"),
    .init(
      "gitlab_runner_registration_token", "runners:\n  registration-token: @@", "GR1348941" + S.url(20),
      miss: "gitlab-runner register --registration-token GR1348941\(S.url(19))"),
    .init(
      "bitbucket_app_password", "JIRA_API_TOKEN=@@", "ATATT3" + S.chars(S.base62 + "_=-", 186),
      miss: "acli jira auth login --token ATATT3\(S.url(150))"),
    .init(
      "npm_token", "//registry.npmjs.org/:_authToken=@@",
      ChecksummedToken.make(prefix: "npm_", random: S.b62(30)),
      miss: "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"),
    .init(
      "pypi_token", "[pypi]\nusername = __token__\npassword = @@", "pypi-AgEIcHlwaS5vcmc" + S.url(150),
      miss: "twine upload -u __token__ -p pypi-AgEIcHlwaS5vcmc\(S.url(40)) dist/*"),
    .init(
      "rubygems_api_key", "---\n:rubygems_api_key: @@", "rubygems_" + S.hex(48),
      miss: "---\n:rubygems_api_key: rubygems_\(String(repeating: "0", count: 48))", low: "placeholder"),
    .init(
      "nuget_api_key",
      "dotnet nuget push Pkg.1.0.0.nupkg --api-key @@ --source https://api.nuget.org/v3/index.json",
      "oy2" + S.lowerAlnum(43),
      miss: "dotnet nuget push Pkg.1.0.0.nupkg --api-key oy2\(S.lowerAlnum(42))"),
    .env("clojars_token", "CLOJARS_PASSWORD", "CLOJARS_", .lowerAlnum, 60, miss: "lein deploy clojars @@"),
    .init(
      "docker_hub_token", "echo @@ | docker login -u ci-bot --password-stdin", "dckr_pat_" + S.url(27),
      miss: "echo dckr_pat_\(S.url(26)) | docker login -u ci-bot --password-stdin"),
    .env(
      "jfrog_api_key", "ARTIFACTORY_API_KEY", "AKCp", .b62, 69,
      miss: "curl -H 'X-JFrog-Art-Api: @@' https://corp.jfrog.io/artifactory/api/repositories"),
    .env(
      "sourcegraph_token", "SRC_ACCESS_TOKEN", ["sgp_", .hex(16), "_", .hex(40)], miss: "src login --token @@"
    ),
    .env("buildkite_token", "BUILDKITE_API_TOKEN", "bkua_", .hex, 40, miss: "bk configure --token @@"),
    .env(
      "circleci_token", "CIRCLECI_TOKEN", ["CCIPAT_", .b62(22), "_", .hex(40)],
      miss: "circleci setup --token @@"),
  ]

  static let chat: [CredentialCase] = [
    .init(
      "slack_token", "SLACK_BOT_TOKEN=@@", "xoxb-" + S.number(12) + "-" + S.number(13) + "-" + S.b62(24),
      miss: "SLACK_BOT_TOKEN=xoxb-your-bot-token"),
    .init(
      "slack_webhook", "alert:\n  webhook_url: https://@@",
      "hooks.slack.com/services/T" + S.upperAlnum(8) + "/B" + S.upperAlnum(10) + "/" + S.b62(24),
      miss: "webhook_url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
      low: "placeholder"),
    .init(
      "discord_webhook", "DISCORD_WEBHOOK_URL=https://@@",
      "discordapp.com/api/webhooks/" + S.number(19) + "/" + S.url(68),
      miss: "DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/\(S.number(16))/\(S.url(68))"),
    .init(
      "teams_webhook", #"{"webhook": "https://@@"}"#,
      "contoso.webhook.office.com/webhookb2/" + S.uuid() + "@" + S.uuid() + "/IncomingWebhook/" + S.hex(32)
        + "/" + S.uuid(),
      miss:
        "https://contoso.webhook.office.com/webhookb2/00000000-0000-0000-0000-000000000000@00000000-0000-0000-0000-000000000000/IncomingWebhook/00000000000000000000000000000000/00000000-0000-0000-0000-000000000000",
      low: "placeholder"),
    .env(
      "telegram_bot_token", "TELEGRAM_BOT_TOKEN", ["7", .digits(9), ":AA", .url(33)],
      miss: "bot started with @@"),
    .env(
      "sendgrid_key", "SENDGRID_API_KEY", ["SG.", .url(22), ".", .url(43)],
      miss: "upstream rejected @@ as invalid (https://api.sendgrid.com/v3/mail/send)"),
    .init(
      "mailchimp_key", "MAILCHIMP_API_KEY=@@", S.hex(32) + "-us12",
      miss: "MAILCHIMP_API_KEY=\(String(repeating: "0", count: 32))-us12", low: "placeholder"),
    .env(
      "mailgun_key", "MAILGUN_API_KEY", "key-", .hex, 32,
      miss: "curl -s --user 'api:@@' https://api.mailgun.net/v3/mg.corp.test/messages"),
    .env("twilio_key", "TWILIO_API_KEY", "SK", .hex, 32, miss: "created API key @@ for the app"),
    .env(
      "postman_api_key", "POSTMAN_API_KEY", ["PMAK-", .hex(24), "-", .hex(34)],
      miss: "newman run coll.json --postman-api-key @@"),
  ]

  static let payments: [CredentialCase] = [
    .init(
      "stripe_key", "STRIPE_SECRET_KEY=@@", "sk_live_" + S.b62(99),
      miss: #"const stripe = require("stripe")("sk_test_4eC39HqLyjWDarjtT1zdp7dc");"#, low: "example_key"),
    .init(
      "square_token", "SQUARE_APPLICATION_SECRET=@@", "sq0csp-" + S.url(43),
      miss: "oauth secret sq0csp-\(S.url(21)) rejected"),
    .env(
      "braintree_token", "BRAINTREE_ACCESS_TOKEN",
      ["access_token$production$", .lowerAlnum(16), "$", .hex(32)], miss: "gateway init @@"),
    .init(
      "shopify_token", "SHOPIFY_ACCESS_TOKEN=@@", "shpat_" + S.hex(32),
      miss: "SHOPIFY_ACCESS_TOKEN=shpat_\(String(repeating: "0", count: 32))", low: "placeholder"),
    .init(
      "flutterwave_key", "FLW_SECRET_KEY=@@", "FLWSECK_TEST-" + S.hex(32) + "-X",
      miss: "charge failed for FLWSECK_TEST-\(S.hex(32))"),  // no -X
    .env(
      "shippo_token", "SHIPPO_API_KEY", "shippo_live_", .hex, 40,
      miss: "curl -H 'Authorization: ShippoToken @@' https://api.goshippo.com/shipments/"),
    .env(
      "easypost_key", "EASYPOST_API_KEY", "EZAK", .b62, 54,
      miss: "client = EasyPost::Client.new(api_key: ENV['KEY']) # was @@"),
    .env(
      "duffel_token", "DUFFEL_ACCESS_TOKEN", "duffel_test_", .url, 43,
      miss: "upstream rejected @@ as invalid (https://api.duffel.com/air/offers)"),
    .init(
      "plaid_token", #"{"access_token": "@@", "item_id": "M5eVJqLnv3tbzdngLDp9FL5OlDNxlNhlE55op"}"#,
      "access-sandbox-" + S.uuid(),
      miss: "exchange returned access-sandbox-\(S.hex(8))-\(S.hex(4))"),
  ]

  static let ai: [CredentialCase] = [
    .init(
      "openai_api_key", "OPENAI_API_KEY=@@", "sk-proj-" + S.url(74) + "T3BlbkFJ" + S.url(74),
      miss: "openai: invalid key sk-\(S.b62(20))T3BlbkFJ\(S.b62(19))"),
    .init(
      "anthropic_api_key", "ANTHROPIC_API_KEY=@@", "sk-ant-api03-" + S.url(93) + "AA",
      miss: "anthropic: invalid x-api-key sk-ant-api03-\(S.url(80))"),
    .env("huggingface_token", "HF_TOKEN", ["hf_", .letters(34)], miss: "huggingface-cli login --token @@"),
    .env("groq_api_key", "GROQ_API_KEY", "gsk_", .b62, 52),
    .env("perplexity_api_key", "PPLX_API_KEY", "pplx-", .b62, 48),
    .env("replicate_token", "REPLICATE_API_TOKEN", "r8_", .b62, 37),
    .env("langsmith_key", "LANGSMITH_API_KEY", ["lsv2_pt_", .hex(32), "_", .hex(10)]),
  ]

  static let devtools: [CredentialCase] = [
    .init(
      "jwt", "Authorization: Bearer @@",
      S.base64(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8), url: true, padded: false) + "."
        + S.base64(Array(#"{"sub":"u-4821","role":"admin","iat":1716239022}"#.utf8), url: true, padded: false)
        + "."
        + S.url(43),
      miss:
        "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
      low: "example_key"),
    .env("linear_api_key", "LINEAR_API_KEY", "lin_api_", .b62, 40),
    .init(
      "notion_token", "NOTION_TOKEN=@@", "ntn_" + S.number(11) + S.b62(35),
      miss: "notion: 401 for ntn_\(S.b62(45))"),
    .env("figma_token", "FIGMA_TOKEN", "figd_", .url, 40),
    .env("contentful_token", "CONTENTFUL_MANAGEMENT_TOKEN", "CFPAT-", .url, 43),
    .init(
      "new_relic_key", "NEW_RELIC_API_KEY=@@", "NRAK-" + S.upperAlnum(27),
      miss: "newrelic: 401 for nrak-\(S.lowerAlnum(27))"),  // wrong case
    .env("sentry_token", "SENTRY_AUTH_TOKEN", "sntryu_", .hex, 64),
    .env("grafana_token", "GRAFANA_SERVICE_ACCOUNT_TOKEN", ["glsa_", .b62(32), "_", .hex(8)]),
    .init(
      "dynatrace_token", "DT_API_TOKEN=@@", "dt0c01." + S.upperAlnum(24) + "." + S.upperAlnum(64),
      miss: "dynatrace: 401 for dt0c01.\(S.upperAlnum(23)).\(S.upperAlnum(64))"),
    .env("prefect_key", "PREFECT_API_KEY", "pnu_", .b62, 36),
    .env("readme_key", "README_API_KEY", "rdme_", .lowerAlnum, 70),
    .env("typeform_token", "TYPEFORM_TOKEN", "tfp_", .url, 59),
    .env("octopus_deploy_key", "OCTOPUS_API_KEY", "API-", .upperAlnum, 26),
    .env("infracost_key", "INFRACOST_API_KEY", "ico-", .b62, 32),
    .env("frameio_token", "FRAMEIO_TOKEN", "fio-u-", .url, 64),
    .init(
      "onepassword_service_token", "OP_SERVICE_ACCOUNT_TOKEN=@@", "ops_eyJ" + S.b64(300),
      miss: "op: 401 for ops_eyJ\(S.b64(200))"),
    .init(
      "mapbox_secret_token", "MAPBOX_SECRET_TOKEN=@@", "sk.eyJ1" + S.url(80) + "." + S.url(22),
      miss: "map style loaded with pk.eyJ1\(S.url(80)).\(S.url(22))"),  // a public token
    .env("adobe_client_secret", "ADOBE_CLIENT_SECRET", "p8e-", .b62, 32),
    .init(
      "age_secret_key", "# created: 2024-05-01T10:00:00Z\n@@",
      "AGE-SECRET-KEY-1" + S.chars("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
      miss:
        "# created: 2024-05-01T10:00:00Z\nAGE-SECRET-KEY-1\(S.chars("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 57))"),
    .init(
      "facebook_access_token", "FB_ACCESS_TOKEN=@@", "EAAC" + S.b62(180),
      miss: "graph api: 190 for EAAC\(S.b62(90))"),
  ]

  /// The services added for issue 19, each in another file syntax.
  static let services: [CredentialCase] = [
    .init(
      "google_oauth_access_token",
      "curl -H 'Authorization: Bearer @@' https://www.googleapis.com/drive/v3/files",
      "ya29." + S.url(120),
      miss: "upstream rejected ya29.\(S.url(20)) as invalid"),
    .init(
      "azure_devops_pat_v2", "variable \"ado\" {\n  default = \"@@\"\n}",
      S.b62(52) + "JQQJ" + S.b62(20) + "AZDO" + S.b62(4),
      miss: "variable \"ado\" {\n  default = \"\(S.b62(52))JQQJ\(S.b62(20))AZD0\(S.b62(4))\"\n}"),
    .init(
      "sonarqube_token", "sonar.token=@@", "squ_" + S.hex(40),
      miss: "rejected squ_\(S.hex(39)) (too short)"),
    .init(
      "teamcity_token", "<param name=\"teamcity.token\" value=\"@@\" />",
      "eyJ0eXAiOiAiVENWMiJ9." + S.url(43) + "." + S.url(64),
      miss: "a TeamCity token starts eyJ0eXAiOiAiVENWMiJ9.\(S.url(10)) and goes on"),
    .init(
      "hubspot_private_app_token", "HUBSPOT_ACCESS_TOKEN: @@", "pat-na1-" + S.uuid(),
      miss: "HUBSPOT_PORTAL_ID: pat-na2-\(S.uuid())"),
    .init(
      "jfrog_reference_token", "<password>@@</password>", "cmVmdGtuOjAxOj" + S.b62(50),
      miss: "see ref cmVmdGtuOjAxOj\(S.b62(20)) in the docs"),
    .init(
      "onepassword_secret_key", "Secret Key: @@",
      "A3-" + S.upperAlnum(6) + "-" + S.upperAlnum(6) + "-" + S.upperAlnum(5) + "-" + S.upperAlnum(5) + "-"
        + S.upperAlnum(5) + "-" + S.upperAlnum(5),
      miss: "Paper size A3-PORTRAIT-LANDSCAPE"),
    .init(
      "new_relic_other_key", "newrelic:\n  admin_key: @@", "NRAA-" + S.hex(27),
      miss: "newrelic:\n  admin_key: NRAA-\(S.hex(26))"),
    .init(
      "huggingface_org_token", "HF_TOKEN=@@", "api_org_" + S.chars(Synth.upper + Synth.lower, 34),
      miss: "HF_ORG=api_org_name"),
    .init(
      "segment_public_api_token", "SEGMENT_TOKEN=@@", "sgp_" + S.b62(64),
      miss: "rejected sgp_\(S.b62(63)) (too short)"),
    .init(
      "slack_workflow_webhook", "webhook_url = \"https://@@\"",
      "hooks.slack.com/workflows/T" + S.upperAlnum(10) + "/A" + S.upperAlnum(10) + "/"
        + S.chars(Synth.digits, 18) + "/"
        + S.b62(24),
      miss: "webhook_url = \"https://hooks.slack.com/workflows/T0000000000\""),
    .init(
      "teams_workflow_webhook", "$uri = 'https://@@'",
      "prod-27.westeurope.logic.azure.com:443/workflows/" + S.hex(32)
        + "/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig="
        + S.url(43),
      miss:
        "$uri = 'https://prod-27.westeurope.logic.azure.com:443/workflows/\(S.hex(32))/triggers/manual/paths/invoke'"
    ),
    .init(
      "salesforce_access_token", "SF_ACCESS_TOKEN=@@",
      "00D" + S.b62(12) + "!AQ" + S.chars(S.base62 + "._", 94),
      miss: "SF_ORG=00D\(S.b62(12))!AQ\(S.b62(40))"),  // a session key too short
    .init(
      "crates_io_token", "[registry]\ntoken = \"@@\"", "cio" + S.b62(32),
      miss: "rotated cio\(S.b62(31)) (one short)"),
    .init(
      "private_key_base64", "apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\ndata:\n  tls.key: @@\n",
      Data(
        "-----BEGIN RSA PRIVATE KEY-----\n\(S.b64(64))\n\(S.b64(64))\n-----END RSA PRIVATE KEY-----\n".utf8
      )
      .base64EncodedString(),
      miss:
        "data:\n  tls.crt: \(Data("-----BEGIN CERTIFICATE-----\n\(S.b64(64))\n-----END CERTIFICATE-----\n".utf8).base64EncodedString())\n"
    ),
    .init(
      "brevo_api_key", "BREVO_API_KEY=@@", "xkeysib-" + S.hex(64) + "-" + S.b62(16),
      miss: "prefix xkeysib-\(S.hex(64)) without its tail"),
    .init(
      "openshift_token", "oc login --token=@@ --server=https://api.example.com:6443", "sha256~" + S.url(43),
      miss: "digest sha256~\(S.url(42)) (truncated)"),
    .init(
      "harness_token", "x-api-key: @@", "pat." + S.url(22) + "." + S.b62(24) + "." + S.b62(20),
      miss: "see pat.\(S.url(22)).\(S.b62(24)) for details"),
    .init(
      "defined_networking_key", "DN_API_KEY=@@",
      "dnkey-" + S.lowerAlnum(26) + "-" + S.lowerAlnum(52),
      miss: "name dnkey-\(S.lowerAlnum(26))"),
    .init(
      "settlemint_token", "SETTLEMINT_ACCESS_TOKEN=@@", "sm_pat_" + S.b62(16),
      miss: "module sm_pat_\(S.b62(15))"),
    .init(
      "yandex_token", "yc config set token @@", "AQVN" + S.url(36),
      miss: "yc config set token AQVN\(S.url(20))"),
    .init(
      "sentry_dsn", "Sentry.init({ dsn: \"https://@@\" });",
      S.hex(32) + "@o" + S.chars(Synth.digits, 6) + ".ingest.sentry.io/" + S.chars(Synth.digits, 7),
      miss: "Sentry.init({ dsn: \"https://public@sentry.example.com/1\" });"),
  ]
}

/// The other shapes some vendors' tokens take, each found whole.
struct CredentialTokenTests {
  typealias S = Synth

  static let sentryClaims =
    #"{"iat":1717000000.1,"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"acme"}"#

  /// A line with `@@` where the token stands, the detector, and the token.
  static let shapes: [(String, String, String)] = [
    ("doppler configure set token @@", "doppler_token", "dp.pt." + S.b62(43)),
    ("DOPPLER_TOKEN=@@", "doppler_token", "dp.st." + S.b62(44)),
    ("SRC_ACCESS_TOKEN=@@", "sourcegraph_token", "sgp_" + S.hex(40)),
    ("SRC_ACCESS_TOKEN=@@", "sourcegraph_token", "sgp_local_" + S.hex(40)),
    ("GITLAB_TOKEN=@@", "gitlab_token", "glpat-" + S.url(40) + ".01" + S.lowerAlnum(7)),
    ("runner:\n  token: @@", "gitlab_token", "glrt-t1_" + S.url(30) + ".01" + S.lowerAlnum(7)),
    ("GITLAB_DEPLOY_TOKEN=@@", "gitlab_token", "gldt-" + S.url(20)),
    ("UNLEASH_INSTANCE_ID=@@", "gitlab_token", "glffct-" + S.url(20)),
    (
      "SLACK_USER_TOKEN=@@", "slack_token",
      "xoxp-" + S.number(10) + "-" + S.number(11) + "-" + S.number(12) + "-" + S.hex(32)
    ),
    ("SLACK_CONFIG_TOKEN=@@", "slack_token", "xoxe.xoxp-1-" + S.upperAlnum(163)),
    ("SLACK_REFRESH_TOKEN=@@", "slack_token", "xoxe-1-" + S.upperAlnum(146)),
    (
      "SLACK_APP_TOKEN=@@", "slack_token",
      "xapp-1-A" + S.upperAlnum(10) + "-" + S.number(13) + "-" + S.hex(64)
    ),
    (
      "SENTRY_AUTH_TOKEN=@@", "sentry_token",
      "sntrys_" + S.base64(Array(sentryClaims.utf8), padded: false) + "_" + S.b64(43)
    ),
    ("NEW_RELIC_INSERT_KEY=@@", "new_relic_key", "NRII-" + S.chars(S.base62 + "-", 32)),
    ("FLY_API_TOKEN=FlyV1 @@", "fly_io_token", "fm2_" + S.b64(300) + "=="),
    ("url: https://@@", "discord_webhook", "discord.com/api/webhooks/" + S.number(18) + "/" + S.url(68)),
    ("VAULT_TOKEN=@@", "hashicorp_vault_token", "hvb." + S.url(250)),
    ("vault operator generate-root -decode=@@", "hashicorp_vault_token", "hvr." + S.url(95)),
    ("VAULT_TOKEN=@@", "hashicorp_vault_token", "b.AAAAAQ" + S.url(120)),
    ("NETLIFY_AUTH_TOKEN=@@", "netlify_token", "nfp_" + S.b62(20) + "_" + S.b62(15)),
    ("STRIPE_RESTRICTED_KEY=@@", "stripe_key", "rk_live_" + S.b62(24)),
    ("GITHUB_TOKEN=@@", "github_token", ChecksummedToken.make(prefix: "gho_", random: S.b62(30))),
    ("openai.api_key = '@@'", "openai_api_key", "sk-" + S.b62(20) + "T3BlbkFJ" + S.b62(20)),
  ]

  @Test(arguments: shapes)
  func otherShape(_ template: String, _ id: String, _ token: String) {
    #expect(DetectionHarness.values(template.replacing("@@", with: token)) == ["\(id)=\(token)"])
  }

  /// Tokens that vendors' documentation publishes as samples.
  @Test(arguments: [
    ("slack_token", #""access_token": "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy","#),
    ("github_token", "GITHUB_TOKEN=ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
    ("stripe_key", "Stripe.api_key = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'"),
    (
      "jwt",
      ">>> jwt.decode(\"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzb21lIjoicGF5bG9hZCJ9.4twFt5NiznN84AWoo1d7KO1T_yoc0Z6XOpOVswacPZg\", \"secret\")"
    ),
  ])
  func documentedExampleIsLow(_ id: String, _ text: String) {
    expectOnlyLow(text, id, "example_key")
  }

  /// Lookalikes of vendor formats in ordinary text.
  @Test(arguments: [
    "xoxb-your-bot-token", "see hooks.slack.com/services/ for setup", "glpat-", "sk_live_", "AIzaSy",
    "eyJhbGciOiJub25lIn0", "the SKU SK12345 ships", "API-Gateway-Integration-Request", "robot42:AAbc",
    "https://example.webhook.office.com/webhookb2/", "dp.st.", "fooghp_\(S.b62(36))",
    "JWT: eyJ0eXAiOiJKV1QifQ.\(S.url(40)).\(S.url(43))",  // a header without "alg"
  ])
  func lookalikeIsNotAToken(_ text: String) {
    #expect(DetectionHarness.findings(text).isEmpty, "\(DetectionHarness.findings(text))")
  }
}

/// GitHub's and npm's tokens carry a CRC-32 of their random part: a token whose checksum does
/// not hold is kept at `low` with the reason, one that holds says so.
struct TokenChecksumTests {
  @Test func aTokenWhoseChecksumHoldsAndOneWhoseDoesNot() {
    let good = ChecksummedToken.make(prefix: "ghp_", random: Synth.b62(30))
    let found = DetectionHarness.findings("GITHUB_TOKEN=\(good)")
    #expect(found.map(\.description) == ["github_token=\(good)@high [token_format,checksum,entropy]"])
    var bad = Array(good)
    bad[10] = bad[10] == "a" ? "b" : "a"
    let broken = String(bad)
    let low = DetectionHarness.findings("GITHUB_TOKEN=\(broken)")
    #expect(low.map(\.description) == ["github_token=\(broken)@low [token_format,checksum_mismatch]"])
    #expect(DetectionHarness.values("GITHUB_TOKEN=\(broken)").isEmpty)
    let npm = ChecksummedToken.make(prefix: "npm_", random: Synth.b62(30))
    #expect(DetectionHarness.values("//registry.npmjs.org/:_authToken=\(npm)") == ["npm_token=\(npm)"])
  }
}
