package import BlastRadiusBase

/// Files that are credentials by nature: password vaults, key stores, `.netrc`, cloud CLI
/// credentials, SSH keys, browser login stores. Found by name, by content (magic bytes or a
/// marker in the first bytes), or both; binary ones are reported even when binary files are not
/// read. One finding per file, under the detector `credential_file`.
package struct CredentialFileRule: Sendable {
  /// What the file is, shown in the finding's masked form: `keepass`, `netrc`…
  package var kind: String
  /// Exact file names, lowercase.
  package var names: [String] = []
  /// Extensions without the dot, lowercase.
  package var extensions: [String] = []
  /// The folder the name must sit in (`.aws` for `credentials`), when the name alone is common.
  package var parent: String? = nil
  /// Leading bytes that identify the format.
  package var magic: [UInt8]? = nil
  /// Text the first bytes must hold for a name match to count as high confidence.
  package var marker: String? = nil
  /// Content alone (magic) identifies the file whatever its name.
  package var magicAlone = false

  /// The verdict for an item: its place and first bytes.
  package func matches(name: String, parent folder: String?, head: UnsafeRawBufferPointer) -> (
    Confidence, Reasons
  )? {
    let lower = name.lowercased()
    let ext = lower.split(separator: ".").last.map(String.init)
    var byName = names.contains(lower) || (ext != nil && lower.contains(".") && extensions.contains(ext!))
    if byName, let parent, folder?.lowercased() != parent { byName = false }
    // Content is looked at only when it can decide: a name matched, or the magic alone counts.
    guard byName || magicAlone else { return nil }
    var byContent = false
    if let magic, head.count >= magic.count, head.prefix(magic.count).elementsEqual(magic) {
      byContent = true
    }
    if let marker, ByteSearch.find(Array(marker.utf8), in: head, to: 4096) != nil {
      byContent = true
    }
    switch (byName, byContent) {
    case (true, true): return (.high, [.check(.fileName), .check(.fileContent)])
    case (true, false): return (marker == nil && magic == nil ? .high : .medium, [.check(.fileName)])
    case (false, true) where magicAlone: return (.high, [.check(.fileContent)])
    default: return nil
    }
  }

}

/// The built-in credential file rules.
package enum CredentialFiles {
  static let sqlite = Array("SQLite format 3".utf8) + [0]

  package static let rules: [CredentialFileRule] = [
    CredentialFileRule(
      kind: "keepass", extensions: ["kdbx", "kdb"], magic: [0x03, 0xD9, 0xA2, 0x9A], magicAlone: true),
    CredentialFileRule(kind: "pkcs12", extensions: ["pfx", "p12"], magic: [0x30, 0x82]),
    CredentialFileRule(
      kind: "java_keystore", extensions: ["jks", "keystore"], magic: [0xFE, 0xED, 0xFE, 0xED],
      magicAlone: true),
    CredentialFileRule(kind: "netrc", names: [".netrc", "_netrc"], marker: "password"),
    CredentialFileRule(kind: "pgpass", names: [".pgpass", "pgpass.conf"]),
    CredentialFileRule(kind: "git_credentials", names: [".git-credentials"], marker: "://"),
    CredentialFileRule(
      kind: "aws_credentials", names: ["credentials"], parent: ".aws", marker: "aws_access_key_id"),
    CredentialFileRule(
      kind: "gcloud_credentials",
      names: ["application_default_credentials.json", "credentials.db", "access_tokens.db"]),
    CredentialFileRule(
      kind: "azure_credentials",
      names: ["accesstokens.json", "msal_token_cache.json", "msal_token_cache.bin"]),
    CredentialFileRule(kind: "docker_config", names: ["config.json"], parent: ".docker", marker: "\"auths\""),
    CredentialFileRule(kind: "kube_config", names: ["config"], parent: ".kube", marker: "client-key-data"),
    CredentialFileRule(
      kind: "ssh_private_key",
      names: ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"],
      marker: "PRIVATE KEY"),
    CredentialFileRule(kind: "putty_private_key", extensions: ["ppk"], marker: "PuTTY-User-Key-File"),
    CredentialFileRule(kind: "htpasswd", names: [".htpasswd"]),
    CredentialFileRule(kind: "shadow", names: ["shadow", "shadow-", "gshadow"], marker: ":$"),
    CredentialFileRule(
      kind: "browser_login_store",
      names: ["login data", "login data for account", "logins.json", "signons.sqlite", "key4.db", "key3.db"]),
    CredentialFileRule(kind: "crypto_wallet", names: ["wallet.dat"]),
    CredentialFileRule(kind: "package_registry_config", names: [".npmrc", ".pypirc"], marker: "_auth"),
    CredentialFileRule(kind: "rdp_connection", extensions: ["rdp"], marker: "password 51:b:"),
  ]

  /// The first rule an item matches, with the confidence and reasons.
  package static func match(name: String, parent: String?, head: UnsafeRawBufferPointer) -> (
    kind: String, confidence: Confidence, reasons: Reasons
  )? {
    for rule in rules {
      if let (confidence, reasons) = rule.matches(name: name, parent: parent, head: head) {
        return (rule.kind, confidence, reasons)
      }
    }
    return nil
  }

  /// The detector credential files are reported under; it finds nothing in text.
  package static let spec = DetectorSpec(
    id: "credential_file", category: "credential",
    summary:
      "A file that is a credential by nature (KeePass vault, PKCS#12 or Java key store, .netrc, .pgpass, cloud CLI credentials, SSH or PuTTY private key, htpasswd, shadow, browser login store, wallet), by name and content.",
    example: "keepass: passwords.kdbx",
    validate: { _ in nil })
}
