import BlastRadiusBase

/// Credentials recognised by their published shape: a vendor prefix or infix and the alphabet
/// and length of the secret. Each entry is one detector; ids are part of the output contract.
package enum TokenRules {
  typealias P = TokenFormat.Part
  static func lit(_ s: String) -> P { .literal(s) }
  /// Longest first, so that `xoxe.xoxp-` is taken whole rather than as the `xoxp-` it ends with.
  static func one(_ s: String...) -> P { .oneOf(s.sorted { $0.utf8.count > $1.utf8.count }) }
  static func run(_ set: ByteSet, _ n: Int) -> P { .run(set, n...n) }
  static func run(_ set: ByteSet, _ r: ClosedRange<Int>) -> P { .run(set, r) }
  static let b62 = ByteSet.base62
  static let b64 = ByteSet.base64
  static let url = ByteSet.base64URL
  static let hex = ByteSet.hexLower
  static let anyHex = ByteSet.hex

  package static let all: [TokenFormat] =
    cloud + sourceControl + chat + payments + ai + devtools + other + services

  static let cloud: [TokenFormat] = [
    TokenFormat(
      "aws_access_key_id", "AWS access key id (AKIA long-term, ASIA temporary).",
      example: "AKIA************MPLE",
      [lit("AKIA"), run(.base32Upper, 16)], minEntropy: 2.5),
    TokenFormat(
      "aws_temporary_access_key_id", "AWS temporary (STS) access key id.", example: "ASIA************MPLE",
      [lit("ASIA"), run(.base32Upper, 16)], minEntropy: 2.5),
    TokenFormat(
      "google_api_key", "Google Cloud / Firebase API key.", example: "AIza****************************abcd",
      [lit("AIza"), run(url, 35)]),
    TokenFormat(
      "gcp_oauth_client_secret", "Google OAuth client secret.", example: "GOCSPX-********************abcd",
      [lit("GOCSPX-"), run(url, 28)]),
    TokenFormat(
      "azure_storage_key", "Azure storage account key in a connection string.", example: "AccountKey=****…",
      [lit("AccountKey="), run(b64, 86), lit("==")]),
    TokenFormat(
      "azure_ad_client_secret", "Microsoft Entra ID (Azure AD) application client secret.",
      example: "abc8Q~****…",
      [run(ByteSet("A-Za-z0-9_~.-"), 3), run(.digits, 1), lit("Q~"), run(ByteSet("A-Za-z0-9_~.-"), 31...34)]),
    TokenFormat(
      "alibaba_access_key_id", "Alibaba Cloud AccessKey id.", example: "LTAI****************",
      [lit("LTAI"), run(b62, 20)]),
    TokenFormat(
      "digitalocean_token", "DigitalOcean personal access, OAuth or refresh token.", example: "dop_v1_****…",
      [one("dop_v1_", "doo_v1_", "dor_v1_"), run(hex, 64)]),
    TokenFormat(
      "hashicorp_vault_token",
      "HashiCorp Vault service, batch or recovery token (hvs., hvb., hvr.), and the legacy batch form (b.AAAAAQ…).",
      example: "hvs.****…",
      [one("hvs.", "hvb.", "hvr."), run(url, 90...300)], or: [[lit("b.AAAAAQ"), run(url, 80...300)]]),
    TokenFormat(
      "terraform_cloud_token", "Terraform Cloud / Enterprise API token.",
      example: "**************.atlasv1.****…",
      [run(b62, 14), lit(".atlasv1."), run(url, 60...70)]),
    TokenFormat(
      "doppler_token", "Doppler service or personal token.", example: "dp.pt.****…",
      [one("dp.pt.", "dp.st.", "dp.ct.", "dp.sa.", "dp.scim.", "dp.audit."), run(b62, 40...44)],
      or: [[lit("dp.st."), run(ByteSet("a-z0-9_-"), 2...35), lit("."), run(b62, 40...44)]]),
    TokenFormat(
      "heroku_api_key", "Heroku API key (HRKU- format).", example: "HRKU-****…",
      [lit("HRKU-AA"), run(url, 58)]),
    TokenFormat(
      "fly_io_token", "Fly.io access token (fo1_, or the fm1a_, fm1r_, fm2_ macaroons of `FlyV1` tokens).",
      example: "fo1_****…",
      [lit("fo1_"), run(url, 43)],
      or: [[one("fm1a_", "fm1r_", "fm2_"), run(ByteSet("A-Za-z0-9+/="), 100...4000)]]),
    TokenFormat(
      "netlify_token", "Netlify personal access token.", example: "nfp_****…",
      [lit("nfp_"), run(.word, 36)]),
    TokenFormat(
      "render_api_key", "Render API key.", example: "rnd_****…",
      [lit("rnd_"), run(b62, 32)]),
    TokenFormat(
      "supabase_token", "Supabase management API token.", example: "sbp_****…",
      [lit("sbp_"), run(hex, 40)]),
    TokenFormat(
      "planetscale_token", "PlanetScale service token or database password.", example: "pscale_tkn_****…",
      [one("pscale_tkn_", "pscale_pw_", "pscale_oauth_"), run(ByteSet("A-Za-z0-9_.-"), 32...64)]),
    TokenFormat(
      "databricks_token", "Databricks personal access token.", example: "dapi****…",
      [lit("dapi"), run(hex, 32)]),
    TokenFormat(
      "pulumi_token", "Pulumi access token.", example: "pul-****…",
      [lit("pul-"), run(hex, 40)]),
    TokenFormat(
      "tailscale_key", "Tailscale API, auth or OAuth client key.", example: "tskey-auth-****…",
      [
        one("tskey-api-", "tskey-auth-", "tskey-client-", "tskey-scim-", "tskey-webhook-"), run(b62, 7...20),
        lit("-"), run(b62, 20...40),
      ]),
    TokenFormat(
      "scalingo_token", "Scalingo API token.", example: "tk-us-****…",
      [lit("tk-us-"), run(url, 48)]),
  ]

  static let gitlab = one(
    "glpat-", "gldt-", "glrt-", "glptt-", "glft-", "glsoat-", "glcbt-", "glimt-", "glagent-", "gloas-",
    "glffct-")

  static let sourceControl: [TokenFormat] = [
    TokenFormat(
      "github_token",
      "GitHub personal, OAuth, user-to-server, server-to-server or refresh token (ghp_, gho_, ghu_, ghs_, ghr_).",
      example: "ghp_********************************abcd",
      [one("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), run(b62, 36)], check: .base62CRC32),
    TokenFormat(
      "github_fine_grained_token", "GitHub fine-grained personal access token (github_pat_).",
      example: "github_pat_****…",
      [lit("github_pat_"), run(b62, 22), lit("_"), run(b62, 59)]),
    TokenFormat(
      "gitlab_token",
      "GitLab personal, project, group, deploy or runner token (glpat-, gldt-, glrt-, glptt-…).",
      example: "glpat-****************abcd",
      [gitlab, run(url, 20...64)],
      // Routable tokens: a payload, then `.`, two characters of payload length and a CRC.
      or: [[gitlab, run(url, 27...300), lit("."), run(ByteSet("a-z0-9"), 9)]]),
    TokenFormat(
      "gitlab_runner_registration_token", "GitLab runner registration token.", example: "GR1348941****…",
      [lit("GR1348941"), run(url, 20)]),
    TokenFormat(
      "bitbucket_app_password", "Atlassian / Bitbucket API token (ATATT).", example: "ATATT3xFfGF0****…",
      [lit("ATATT3"), run(ByteSet("A-Za-z0-9_=-"), 180...200)]),
    TokenFormat(
      "npm_token", "npm access token.", example: "npm_********************************abcd",
      [lit("npm_"), run(b62, 36)], check: .base62CRC32),
    TokenFormat(
      "pypi_token", "PyPI upload token.", example: "pypi-AgEIcHlwaS5vcmc****…",
      [lit("pypi-AgEIcHlwaS5vcmc"), run(url, 50...1000)]),
    TokenFormat(
      "rubygems_api_key", "RubyGems API key.", example: "rubygems_****…",
      [lit("rubygems_"), run(hex, 48)]),
    TokenFormat(
      "nuget_api_key", "NuGet API key.", example: "oy2****…",
      [lit("oy2"), run(ByteSet("a-z0-9"), 43)]),
    TokenFormat(
      "clojars_token", "Clojars deploy token.", example: "CLOJARS_****…",
      [lit("CLOJARS_"), run(ByteSet("a-z0-9"), 60)]),
    TokenFormat(
      "docker_hub_token", "Docker Hub personal access token.", example: "dckr_pat_****…",
      [lit("dckr_pat_"), run(url, 27)]),
    TokenFormat(
      "jfrog_api_key", "JFrog Artifactory API key.", example: "AKCp****…",
      [lit("AKCp"), run(b62, 69)]),
    TokenFormat(
      "sourcegraph_token", "Sourcegraph access token.", example: "sgp_****…",
      [lit("sgp_"), run(anyHex, 40)],
      or: [[lit("sgp_"), run(anyHex, 16), lit("_"), run(anyHex, 40)], [lit("sgp_local_"), run(anyHex, 40)]]),
    TokenFormat(
      "buildkite_token", "Buildkite user API token.", example: "bkua_****…",
      [lit("bkua_"), run(hex, 40)]),
    TokenFormat(
      "circleci_token", "CircleCI personal API token.", example: "CCIPAT_****…",
      [lit("CCIPAT_"), run(b62, 22), lit("_"), run(hex, 40)]),
  ]

  static let chat: [TokenFormat] = [
    TokenFormat(
      "slack_token",
      "Slack bot, user, app-level, workspace, configuration or refresh token (xoxb-, xoxp-, xapp-, xoxa-, xoxe-…).",
      example: "xoxb-****…",
      // Every kind starts with a number after its prefix (`xoxb-<team>-<bot>-…`, `xapp-1-…`);
      // `xoxb-your-bot-token` in a README does not.
      [
        one(
          "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxe-", "xoxe.xoxp-", "xoxe.xoxb-", "xapp-"),
        run(.digits, 1...13), lit("-"), run(ByteSet("A-Za-z0-9-"), 8...250),
      ]),
    TokenFormat(
      "slack_webhook", "Slack incoming webhook URL.", example: "https://hooks.slack.com/services/T****…",
      [
        lit("hooks.slack.com/services/"), run(.upperAlnum, 8...12), lit("/"), run(.upperAlnum, 8...12),
        lit("/"), run(b62, 24),
      ]),
    TokenFormat(
      "discord_webhook", "Discord webhook URL.", example: "https://discord.com/api/webhooks/****…",
      [
        one("discord.com/api/webhooks/", "discordapp.com/api/webhooks/"), run(.digits, 17...20), lit("/"),
        run(url, 68),
      ]),
    TokenFormat(
      "teams_webhook", "Microsoft Teams incoming webhook URL.",
      example: "https://x.webhook.office.com/webhookb2/****…",
      [
        run(ByteSet("a-z0-9-"), 1...63), lit(".webhook.office.com/webhookb2/"), run(ByteSet("a-f0-9-"), 36),
        lit("@"), run(ByteSet("a-f0-9-"), 36), lit("/IncomingWebhook/"), run(hex, 32), lit("/"),
        run(ByteSet("a-f0-9-"), 36),
      ]),
    TokenFormat(
      "telegram_bot_token", "Telegram bot API token.", example: "*********:AA****…",
      [run(.digits, 8...10), lit(":AA"), run(url, 33)]),
    TokenFormat(
      "sendgrid_key", "SendGrid API key.", example: "SG.****…",
      [lit("SG."), run(url, 22), lit("."), run(url, 43)]),
    TokenFormat(
      "mailchimp_key", "Mailchimp API key (with its data-centre suffix).", example: "****…-us12",
      [run(hex, 32), lit("-us"), run(.digits, 1...2)]),
    TokenFormat(
      "mailgun_key", "Mailgun private API key.", example: "key-****…",
      [lit("key-"), run(hex, 32)]),
    TokenFormat(
      "twilio_key", "Twilio API key SID and secret pair's SID (SK…).", example: "SK****…",
      [lit("SK"), run(hex, 32)], confidence: .medium),
    TokenFormat(
      "postman_api_key", "Postman API key.", example: "PMAK-****…",
      [lit("PMAK-"), run(hex, 24), lit("-"), run(hex, 34)]),
  ]

  static let payments: [TokenFormat] = [
    TokenFormat(
      "stripe_key", "Stripe secret or restricted key, live or test (sk_live_, rk_live_, sk_test_…).",
      example: "sk_live_****…",
      [one("sk_live_", "sk_test_", "rk_live_", "rk_test_"), run(b62, 24...99)]),
    TokenFormat(
      "square_token", "Square access token or OAuth secret (sq0atp-, sq0csp-).", example: "sq0csp-****…",
      [one("sq0atp-", "sq0csp-"), run(url, 22...43)]),
    TokenFormat(
      "braintree_token", "Braintree / PayPal access token.", example: "access_token$production$****…",
      [lit("access_token$production$"), run(ByteSet("a-z0-9"), 16), lit("$"), run(hex, 32)]),
    TokenFormat(
      "shopify_token", "Shopify app or custom-app access token (shpat_, shpca_, shppa_, shpss_).",
      example: "shpat_****…",
      [one("shpat_", "shpca_", "shppa_", "shpss_"), run(anyHex, 32)]),
    TokenFormat(
      "flutterwave_key", "Flutterwave secret key.", example: "FLWSECK-****…-X",
      [one("FLWSECK-", "FLWSECK_TEST-"), run(hex, 32), lit("-X")]),
    TokenFormat(
      "shippo_token", "Shippo API token.", example: "shippo_live_****…",
      [one("shippo_live_", "shippo_test_"), run(hex, 40)]),
    TokenFormat(
      "easypost_key", "EasyPost production or test API key.", example: "EZAK****…",
      [one("EZAK", "EZTK"), run(b62, 54)]),
    TokenFormat(
      "duffel_token", "Duffel API token.", example: "duffel_live_****…",
      [one("duffel_live_", "duffel_test_"), run(ByteSet("A-Za-z0-9_=-"), 43)]),
    TokenFormat(
      "plaid_token", "Plaid access token.", example: "access-production-****…",
      [
        one("access-sandbox-", "access-development-", "access-production-"), run(hex, 8), lit("-"),
        run(hex, 4), lit("-"), run(hex, 4), lit("-"), run(hex, 4), lit("-"), run(hex, 12),
      ]),
  ]

  static let ai: [TokenFormat] = [
    TokenFormat(
      "openai_api_key", "OpenAI API key (project, service-account or legacy).", example: "sk-proj-****…",
      [run(url, 20...160), lit("T3BlbkFJ"), run(url, 20...80)]),
    TokenFormat(
      "anthropic_api_key", "Anthropic API key.", example: "sk-ant-api03-****…",
      [one("sk-ant-api03-", "sk-ant-admin01-"), run(url, 90...100)]),
    TokenFormat(
      "huggingface_token", "Hugging Face access token.", example: "hf_****…",
      [lit("hf_"), run(ByteSet("A-Za-z"), 34)]),
    TokenFormat(
      "groq_api_key", "Groq API key.", example: "gsk_****…",
      [lit("gsk_"), run(b62, 52)]),
    TokenFormat(
      "perplexity_api_key", "Perplexity API key.", example: "pplx-****…",
      [lit("pplx-"), run(b62, 48)]),
    TokenFormat(
      "replicate_token", "Replicate API token.", example: "r8_****…",
      [lit("r8_"), run(b62, 37)]),
    TokenFormat(
      "langsmith_key", "LangSmith API key.", example: "lsv2_pt_****…",
      [one("lsv2_pt_", "lsv2_sk_"), run(hex, 32), lit("_"), run(hex, 10)]),
  ]

  static let devtools: [TokenFormat] = [
    TokenFormat(
      "jwt", "JSON Web Token (a signed bearer token; often a live session).", example: "eyJ****…",
      [lit("eyJ"), run(url, 10...4000), lit("."), run(url, 10...8000), lit("."), run(url, 0...1000)],
      check: .jwt, confidence: .medium),
    TokenFormat(
      "linear_api_key", "Linear API key.", example: "lin_api_****…",
      [lit("lin_api_"), run(b62, 40)]),
    TokenFormat(
      "notion_token", "Notion integration token (ntn_).", example: "ntn_****…",
      [lit("ntn_"), run(b62, 46)]),
    TokenFormat(
      "figma_token", "Figma personal access token.", example: "figd_****…",
      [lit("figd_"), run(url, 40)]),
    TokenFormat(
      "contentful_token", "Contentful personal access token.", example: "CFPAT-****…",
      [lit("CFPAT-"), run(url, 43)]),
    TokenFormat(
      "new_relic_key", "New Relic user or insert key (NRAK-, NRII-).", example: "NRAK-****…",
      [lit("NRAK-"), run(.upperAlnum, 27)], or: [[lit("NRII-"), run(ByteSet("A-Za-z0-9-"), 32)]]),
    TokenFormat(
      "sentry_token", "Sentry organisation or user auth token.", example: "sntrys_****…",
      // Organisation tokens are base64 JSON, `_`, and a 43-character secret.
      [one("sntrys_", "sntryu_"), run(ByteSet("A-Za-z0-9+/=_"), 64...400)]),
    TokenFormat(
      "grafana_token", "Grafana service-account token.", example: "glsa_****…",
      [lit("glsa_"), run(b62, 32), lit("_"), run(anyHex, 8)]),
    TokenFormat(
      "dynatrace_token", "Dynatrace API token.", example: "dt0c01.****…",
      [lit("dt0c01."), run(.upperAlnum, 24), lit("."), run(.upperAlnum, 64)]),
    TokenFormat(
      "prefect_key", "Prefect API key.", example: "pnu_****…",
      [lit("pnu_"), run(b62, 36)]),
    TokenFormat(
      "readme_key", "ReadMe API key.", example: "rdme_****…",
      [lit("rdme_"), run(ByteSet("a-z0-9"), 70)]),
    TokenFormat(
      "typeform_token", "Typeform personal access token.", example: "tfp_****…",
      [lit("tfp_"), run(ByteSet("A-Za-z0-9_.=-"), 59)]),
    TokenFormat(
      "octopus_deploy_key", "Octopus Deploy API key.", example: "API-****…",
      [lit("API-"), run(.upperAlnum, 26)], minEntropy: 3.2, confidence: .medium),
    TokenFormat(
      "infracost_key", "Infracost API key.", example: "ico-****…",
      [lit("ico-"), run(b62, 32)]),
    TokenFormat(
      "frameio_token", "Frame.io API token.", example: "fio-u-****…",
      [lit("fio-u-"), run(ByteSet("A-Za-z0-9_=-"), 64)]),
    TokenFormat(
      "onepassword_service_token", "1Password service-account token.", example: "ops_eyJ****…",
      [lit("ops_eyJ"), run(ByteSet("A-Za-z0-9+/="), 250...2000)]),
    TokenFormat(
      "mapbox_secret_token", "Mapbox secret access token (sk.).", example: "sk.eyJ****…",
      [lit("sk.eyJ"), run(url, 60...200), lit("."), run(url, 20...40)]),
    TokenFormat(
      "adobe_client_secret", "Adobe client secret.", example: "p8e-****…",
      [lit("p8e-"), run(b62, 32)]),
  ]

  static let other: [TokenFormat] = [
    TokenFormat(
      "age_secret_key", "age file-encryption secret key.", example: "AGE-SECRET-KEY-1****…",
      [lit("AGE-SECRET-KEY-1"), run(ByteSet("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"), 58)]),
    TokenFormat(
      "facebook_access_token", "Facebook / Meta Graph API access token.", example: "EAAC****…",
      [lit("EAA"), run(ByteSet("A-Z"), 1), run(b62, 100...300)], minEntropy: 3.5, confidence: .medium),
  ]

  /// A UUID's 8-4-4-4-12 lowercase hex groups, as parts.
  static let uuid: [P] = [
    run(hex, 8), lit("-"), run(hex, 4), lit("-"), run(hex, 4), lit("-"), run(hex, 4), lit("-"), run(hex, 12),
  ]

  /// The services the field's rule lists (Nosey Parker, gitleaks, TruffleHog) know by a prefix or
  /// a fixed signature, added for issue 19.
  static let services: [TokenFormat] = [
    TokenFormat(
      "google_oauth_access_token", "Google OAuth 2.0 access token (short-lived, but live when leaked).",
      example: "ya29.****…", [lit("ya29."), run(url, 30...2048)]),
    TokenFormat(
      "azure_devops_pat_v2", "Azure DevOps personal access token of the 84-character form (AZDO signature).",
      example: "****JQQJ****AZDO****",
      [run(b62, 52), lit("JQQJ"), run(b62, 20), lit("AZDO"), run(b62, 4)]),
    TokenFormat(
      "sonarqube_token", "SonarQube / SonarCloud user, project or analysis token.", example: "squ_****…",
      [one("squ_", "sqp_", "sqa_"), run(hex, 40)]),
    TokenFormat(
      "teamcity_token", "JetBrains TeamCity access token.", example: "eyJ0eXAiOiAiVENWMiJ9.****…",
      [lit("eyJ0eXAiOiAiVENWMiJ9."), run(url, 20...80), lit("."), run(url, 30...120)]),
    TokenFormat(
      "hubspot_private_app_token", "HubSpot private app access token.", example: "pat-na1-****…",
      [one("pat-na1-", "pat-eu1-")] + uuid),
    TokenFormat(
      "jfrog_reference_token", "JFrog reference token (base64 of reftkn:01:…).",
      example: "cmVmdGtuOjAxOj****…",
      [lit("cmVmdGtuOjAxOj"), run(b62, 50)]),
    TokenFormat(
      "onepassword_secret_key", "1Password account secret key (A3-…), the second factor of an account.",
      example: "A3-******-******-*****-*****-*****-*****",
      [
        lit("A3-"), run(.upperAlnum, 6), lit("-"), run(.upperAlnum, 6), lit("-"), run(.upperAlnum, 5),
        lit("-"),
        run(.upperAlnum, 5), lit("-"), run(.upperAlnum, 5), lit("-"), run(.upperAlnum, 5),
      ], minEntropy: 3.0),
    TokenFormat(
      "new_relic_other_key",
      "New Relic license key (…NRAL), admin key (NRAA-), query key (NRIQ-) or browser key (NRJS-).",
      example: "NRAA-****…",
      [lit("NRAA-"), run(anyHex, 27)],
      or: [
        [lit("NRIQ-"), run(ByteSet("A-Za-z0-9_-"), 32)], [lit("NRJS-"), run(anyHex, 19)],
        [run(anyHex, 36), lit("NRAL")],
      ]),
    TokenFormat(
      "huggingface_org_token", "Hugging Face organisation API token.", example: "api_org_****…",
      [lit("api_org_"), run(ByteSet("A-Za-z"), 34)]),
    TokenFormat(
      "segment_public_api_token", "Segment public API token.", example: "sgp_****…",
      [lit("sgp_"), run(b62, 64)]),
    TokenFormat(
      "slack_workflow_webhook", "Slack workflow or trigger webhook URL.",
      example: "https://hooks.slack.com/workflows/T****…",
      [
        lit("hooks.slack.com/workflows/"), run(.upperAlnum, 8...12), lit("/"), run(.upperAlnum, 8...12),
        lit("/"),
        run(.digits, 12...20), lit("/"), run(b62, 24),
      ],
      or: [
        [
          lit("hooks.slack.com/triggers/"), run(.upperAlnum, 8...12), lit("/"), run(.digits, 10...20),
          lit("/"), run(anyHex, 32),
        ]
      ]),
    TokenFormat(
      "teams_workflow_webhook",
      "Microsoft Teams webhook of the Power Automate (workflows) form, signed with sig=.",
      example: "https://….logic.azure.com:443/workflows/****…",
      [
        run(ByteSet("a-z0-9.-"), 3...60), lit(".logic.azure.com:443/workflows/"), run(anyHex, 32),
        lit("/triggers/manual/paths/invoke?api-version="),
        run(ByteSet("0-9-"), 1...10), lit("&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig="), run(url, 43),
      ],
      or: [
        [
          run(ByteSet("a-z0-9.-"), 3...60),
          lit(".environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/"),
          run(anyHex, 32),
          lit("/triggers/manual/paths/invoke?api-version="), run(ByteSet("0-9-"), 1...10),
          lit("&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig="), run(url, 43),
        ]
      ]),
    TokenFormat(
      "salesforce_access_token",
      "Salesforce access or session token: the organisation id (00D…), `!`, then the session key.",
      example: "00D************!****…",
      [lit("00D"), run(b62, 12), lit("!"), run(ByteSet("A-Za-z0-9._"), 90...120)], minEntropy: 3.5),
    TokenFormat(
      "crates_io_token", "crates.io API token (publishes Rust crates as its owner).", example: "cio****…",
      [lit("cio"), run(b62, 32)], minEntropy: 3.5),
    TokenFormat(
      "private_key_base64",
      "A PEM private key wrapped in base64 (Kubernetes secrets, CI variables, JSON configs).",
      example: "LS0tLS1CRUdJTi****…",
      [lit("LS0tLS1CRUdJTi"), run(ByteSet("A-Za-z0-9+/="), 100...20000)], minEntropy: 0,
      check: .base64PrivateKey),
    TokenFormat(
      "brevo_api_key", "Brevo (Sendinblue) API or SMTP key.", example: "xkeysib-****…",
      [one("xkeysib-", "xsmtpsib-"), run(hex, 64), lit("-"), run(b62, 16)]),
    TokenFormat(
      "openshift_token", "OpenShift user token (sha256~).", example: "sha256~****…",
      [lit("sha256~"), run(url, 43)], minEntropy: 3.5),
    TokenFormat(
      "harness_token", "Harness personal access or service account token.", example: "pat.****…",
      [one("pat.", "sat."), run(url, 22), lit("."), run(b62, 24), lit("."), run(b62, 20)]),
    TokenFormat(
      "defined_networking_key", "Defined Networking (managed Nebula) API key.", example: "dnkey-****…",
      [lit("dnkey-"), run(ByteSet("a-z0-9=_-"), 26), lit("-"), run(ByteSet("a-z0-9=_-"), 52)]),
    TokenFormat(
      "settlemint_token", "SettleMint personal, application or service access token.",
      example: "sm_pat_****…",
      [one("sm_pat_", "sm_aat_", "sm_sat_"), run(b62, 16)]),
    TokenFormat(
      "yandex_token", "Yandex Cloud API key (AQVN), IAM token (t1.) or static access key secret (YC).",
      example: "AQVN****…",
      [lit("AQVN"), run(url, 35...38)],
      or: [[lit("t1."), run(url, 10...200), lit("."), run(url, 86...88)], [lit("YC"), run(url, 38)]],
      minEntropy: 3.5),
    TokenFormat(
      "sentry_dsn", "Sentry DSN: its key lets anyone send events to the project.",
      example: "https://****@o1.ingest.sentry.io/1",
      [
        run(anyHex, 32), lit("@o"), run(.digits, 1...12), lit(".ingest."),
        one("sentry.io/", "us.sentry.io/", "de.sentry.io/"), run(.digits, 1...20),
      ]),
  ]
}
