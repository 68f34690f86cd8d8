import BlastRadiusBase

/// Credentials found by the name they are assigned to. Ids are part of the output contract.
package enum KeyedRules {
  static let uuid = ByteSet("0-9a-fA-F-")

  /// AWS's secret key by its name; `CredentialDetectors.awsSecretAccessKey` adds the form that
  /// follows a key id.
  static let awsSecret = KeyedSecret(
    "aws_secret_access_key",
    "AWS secret access key: 40 base64 characters assigned to an aws_secret name or following an access key id.",
    example: "****…",
    keys: ["aws_secret_access_key", "aws_secret_key", "aws_secret", "secret_access_key", "secretaccesskey"],
    alphabet: .base64, length: 40...40, minEntropy: 3.5)

  package static let all: [KeyedSecret] = [
    KeyedSecret(
      "aws_session_token", "AWS session token assigned to an aws_session_token name.", example: "****…",
      keys: ["aws_session_token", "aws_security_token"], alphabet: ByteSet("A-Za-z0-9+/="),
      length: 100...2000, minEntropy: 4.0),
    KeyedSecret(
      "twilio_auth_token", "Twilio auth token assigned to a Twilio name.", example: "****…",
      keys: ["twilio"], alphabet: .hexLower, length: 32...32),
    KeyedSecret(
      "heroku_api_key_legacy", "Heroku API key (UUID form) assigned to a Heroku name.", example: "****…",
      keys: ["heroku"], alphabet: uuid, length: 36...36),
    KeyedSecret(
      "datadog_api_key", "Datadog API or application key.", example: "****…",
      keys: ["datadog", "dd_api_key", "dd_app_key", "dd_application_key"], alphabet: .hexLower,
      length: 32...40),
    KeyedSecret(
      "okta_api_token", "Okta API token.", example: "00****…",
      keys: ["okta"], alphabet: .base64URL, length: 42...42),
    KeyedSecret(
      "algolia_admin_key", "Algolia admin API key.", example: "****…",
      keys: ["algolia"], alphabet: .hexLower, length: 32...32),
    KeyedSecret(
      "cloudflare_api_token", "Cloudflare API token or global API key.", example: "****…",
      keys: ["cloudflare", "cf_api_token", "cf_api_key"], alphabet: .base64URL, length: 37...40),
    KeyedSecret(
      "azure_devops_pat", "Azure DevOps personal access token.", example: "****…",
      keys: ["azure_devops", "azuredevops", "ado_pat", "azdo_pat", "system_accesstoken"],
      alphabet: ByteSet("a-z2-7A-Za-z0-9"), length: 52...84),
    KeyedSecret(
      "snyk_token", "Snyk API token.", example: "****…",
      keys: ["snyk"], alphabet: uuid, length: 36...36),
    KeyedSecret(
      "vercel_token", "Vercel access token.", example: "****…",
      keys: ["vercel"], alphabet: .base62, length: 24...24),
    KeyedSecret(
      "pagerduty_token", "PagerDuty API token.", example: "****…",
      keys: ["pagerduty"], alphabet: ByteSet("A-Za-z0-9_+-"), length: 20...20),
    KeyedSecret(
      "zendesk_token", "Zendesk API token.", example: "****…",
      keys: ["zendesk"], alphabet: .base62, length: 40...40),
    KeyedSecret(
      "splunk_hec_token", "Splunk HTTP Event Collector token.", example: "****…",
      keys: ["splunk"], alphabet: uuid, length: 36...36),
    KeyedSecret(
      "jenkins_api_token", "Jenkins API token.", example: "****…",
      keys: ["jenkins"], alphabet: .hexLower, length: 32...34),
    KeyedSecret(
      "intercom_token", "Intercom access token.", example: "****…",
      keys: ["intercom"], alphabet: ByteSet("A-Za-z0-9+/=_-"), length: 59...60),
    KeyedSecret(
      "atlassian_api_token", "Atlassian (Jira, Confluence) API token of the old 24-character form.",
      example: "****…", keys: ["atlassian", "jira_api_token", "jira_token", "confluence_api_token"],
      alphabet: .base62, length: 24...24, minEntropy: 3.5),
    KeyedSecret(
      "twitch_token", "Twitch OAuth token or client secret.", example: "****…",
      keys: ["twitch"], alphabet: ByteSet("a-z0-9"), length: 30...30),
    KeyedSecret(
      "postmark_token", "Postmark server or account API token.", example: "****…",
      keys: ["postmark"], alphabet: uuid, length: 36...36),
    KeyedSecret(
      "codecov_token", "Codecov upload token.", example: "****…",
      keys: ["codecov"], alphabet: uuid, length: 36...36),
    KeyedSecret(
      "confluent_secret", "Confluent Cloud API secret.", example: "****…",
      keys: ["confluent"], alphabet: ByteSet("A-Za-z0-9+/"), length: 64...64, minEntropy: 4.0),
    KeyedSecret(
      "auth0_client_secret", "Auth0 application client secret.", example: "****…",
      keys: ["auth0"], alphabet: .base64URL, length: 64...64, minEntropy: 4.0),
    KeyedSecret(
      "ibm_cloud_api_key", "IBM Cloud API key.", example: "****…",
      keys: ["ibm_cloud", "ibmcloud", "ic_api_key", "ibm_api_key"], alphabet: .base64URL, length: 44...44),
    KeyedSecret(
      "alibaba_secret_key", "Alibaba Cloud AccessKey secret.", example: "****…",
      keys: ["alibaba", "alicloud", "access_key_secret", "accesskeysecret"], alphabet: .base62,
      length: 30...30),
    KeyedSecret(
      "github_oauth_app_secret", "GitHub OAuth app client secret.", example: "****…",
      keys: ["github_client_secret", "github_secret", "gh_client_secret"], alphabet: .hexLower,
      length: 40...40),
    KeyedSecret(
      "facebook_app_secret", "Facebook / Meta app secret.", example: "****…",
      keys: ["facebook", "fb_app_secret", "fb_secret"], alphabet: .hexLower, length: 32...32),
    KeyedSecret(
      "twitter_secret", "Twitter / X API key secret, access token secret or bearer token.", example: "****…",
      keys: ["twitter", "consumer_secret", "x_api_secret"], alphabet: ByteSet("A-Za-z0-9%"), length: 45...120,
      minEntropy: 4.0),
    KeyedSecret(
      "dropbox_token", "Dropbox access token (short-lived sl. or long-lived).", example: "****…",
      keys: ["dropbox"], alphabet: ByteSet("A-Za-z0-9._-"), length: 60...1400, minEntropy: 4.0),
    KeyedSecret(
      "discord_bot_token", "Discord bot token.", example: "****…",
      keys: ["discord"], alphabet: ByteSet("A-Za-z0-9._-"), length: 59...80, minEntropy: 4.0),
    KeyedSecret(
      "launchdarkly_key", "LaunchDarkly API access token or SDK key.", example: "api-****…",
      keys: ["launchdarkly", "ld_sdk_key", "ld_api_key"], alphabet: ByteSet("a-z0-9-"), length: 40...40),
    KeyedSecret(
      "airtable_key", "Airtable API key or personal access token.", example: "****…",
      keys: ["airtable"], alphabet: ByteSet("A-Za-z0-9."), length: 17...82, minEntropy: 3.5),
    KeyedSecret(
      "wireguard_key", "WireGuard private or preshared key (a [Interface] or [Peer] section's base64 key).",
      example: "****…",
      keys: ["privatekey", "presharedkey"], alphabet: ByteSet("A-Za-z0-9+/="), length: 44...44,
      minEntropy: 3.5),
    // `s.` and `r.` are anchors Vectorscan meets in every sentence ("Mrs.", "was."): a third of
    // its time on prose went to them. The name (`VAULT_TOKEN`, `X-Vault-Token`) says it instead.
    KeyedSecret(
      "hashicorp_vault_legacy_token",
      "HashiCorp Vault token of the legacy forms (s. service, r. recovery) assigned to a Vault name.",
      example: "s.************************",
      keys: ["vault"], alphabet: ByteSet("A-Za-z0-9."), length: 26...26, minEntropy: 3.5,
      confidence: .medium,
      shapes: [[.oneOf(["s.", "r."]), .run(.base62, 24...24)]]),
    KeyedSecret(
      "kubernetes_bootstrap_token",
      "Kubernetes bootstrap token (joins a node to the cluster): `abcdef.0123456789abcdef` assigned to a token name (kubeadm configs, `kubeadm join --token`).",
      example: "******.****…",
      keys: ["token"], keyEndsName: true, alphabet: ByteSet("a-z0-9."), length: 23...23, minEntropy: 2.5,
      shapes: [[.run(ByteSet("a-z0-9"), 6...6), .literal("."), .run(ByteSet("a-z0-9"), 16...16)]]),
    KeyedSecret(
      "generic_secret",
      "A high-entropy value assigned to a secret-like name (secret, token, api_key, client_secret…).",
      example: "****…",
      keys: [
        "secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey", "auth_key",
        "secret_key", "client_secret", "signing_key", "encryption_key",
      ],
      keyEndsName: true, alphabet: .printable, length: 16...256, minEntropy: 3.5, confidence: .medium,
      fallback: true),
  ]
}
