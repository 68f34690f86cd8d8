import SynthFormats
/// Synthetic credentials in the shapes the vendors publish, drawn from the sample's generator: random over the
/// format's alphabet, so they clear the scanner's entropy floors, and never anyone's real secret.
enum FakeSecrets {
  static let base62 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
  static let base32Upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
  static let base64 = base62 + ["+", "/"]
  /// crypt(3)'s alphabet, for salts and hashes.
  static let crypt = ["." as Character, "/"] + base62
  /// Letters, digits and symbols that end no URL part and open no comment, quote or template.
  static let passwordSymbols = Array("!*+-^_~")
  static let digitChars = Array("0123456789")

  static func random(_ count: Int, _ alphabet: [Character], _ rng: inout SplitMix64) -> String {
    String((0..<count).map { _ in rng.pick(alphabet) })
  }

  /// `AKIA` and 16 base32 capitals.
  static func awsAccessKeyID(_ rng: inout SplitMix64) -> String { "AKIA" + random(16, base32Upper, &rng) }

  /// 40 base64 characters with both cases, as the console issues them.
  static func awsSecretAccessKey(_ rng: inout SplitMix64) -> String {
    while true {
      let secret = random(40, base64, &rng)
      if secret.contains(where: \.isLowercase) && secret.contains(where: \.isUppercase) { return secret }
    }
  }

  /// With its CRC-32 checksum, as GitHub issues them: a scanner may check it.
  static func githubToken(_ rng: inout SplitMix64) -> String {
    ChecksummedToken.make(prefix: "ghp_", random: random(30, base62, &rng))
  }

  /// `xoxb-<team>-<bot>-<secret>`.
  static func slackBotToken(_ rng: inout SplitMix64) -> String {
    "xoxb-" + random(12, digitChars, &rng) + "-" + random(13, digitChars, &rng) + "-"
      + random(24, base62, &rng)
  }

  static func stripeSecretKey(_ rng: inout SplitMix64) -> String { "sk_live_" + random(24, base62, &rng) }

  /// A letter, then 15 letters, digits and (unless it goes into a URL, where they would need percent-encoding)
  /// symbols.
  static func password(_ rng: inout SplitMix64, symbols: Bool = true) -> String {
    random(1, Array(base62.prefix(52)), &rng) + random(15, symbols ? base62 + passwordSymbols : base62, &rng)
  }

  /// A PEM body: `lines` lines of 64 base64 characters.
  static func pemLines(_ lines: Int, _ rng: inout SplitMix64) -> [String] {
    (0..<lines).map { _ in random(64, base64, &rng) }
  }

  /// `$6$<16-character salt>$<86-character hash>`, as /etc/shadow holds it.
  static func sha512crypt(_ rng: inout SplitMix64) -> String {
    "$6$" + random(16, crypt, &rng) + "$" + random(86, crypt, &rng)
  }

  /// `$apr1$<8-character salt>$<22-character hash>`, Apache's MD5 scheme in htpasswd files.
  static func apr1(_ rng: inout SplitMix64) -> String {
    "$apr1$" + random(8, crypt, &rng) + "$" + random(22, crypt, &rng)
  }
}
