import Testing

/// Credentials in HTTP headers and on command lines (issue 19): each syntax found in the forms
/// people write it, and the near misses (prose, variables, prompts, placeholders) not.
struct CommandLineSecretsTests {
  typealias S = Synth
  static let pass = "Tr0ub4dor&3xyz"
  /// `admin:Tr0ub4dor&3xyz` in base64.
  static let basic = "YWRtaW46VHIwdWI0ZG9yJjN4eXo="
  static let bearer = S.b62(40)

  @Test(arguments: [
    ("Authorization: Basic \(basic)", "http_basic_auth=\(basic)"),
    ("curl -H 'Authorization: Basic \(basic)' https://api.example.com/v1", "http_basic_auth=\(basic)"),
    (#"{"name": "Authorization", "value": "Basic \#(basic)"}"#, "http_basic_auth=\(basic)"),
    ("Authorization: Bearer \(bearer)", "http_bearer_token=\(bearer)"),
    (#"curl -H "authorization: bearer \#(bearer)" https://api.example.com"#, "http_bearer_token=\(bearer)"),
    (#"{"name":"Authorization","value":"Bearer \#(bearer)"}"#, "http_bearer_token=\(bearer)"),
    ("curl -u admin:\(pass) https://example.com/api", "command_line_password=\(pass)"),
    ("sshpass -p '\(pass)' ssh root@10.0.0.5", "command_line_password=\(pass)"),
    ("mysql -u root -p\(pass) payroll", "command_line_password=\(pass)"),
    ("mysqldump -h db -u backup -p\(pass) hr > hr.sql", "command_line_password=\(pass)"),
    (#"psexec \\fileserver -u CORP\admin -p \#(pass) cmd.exe"#, "command_line_password=\(pass)"),
    (
      #"net use \\fileserver\share /user:CORP\admin \#(pass) /persistent:no"#, "command_line_password=\(pass)"
    ),
    ("./deploy --user ops --password=\(pass)", "command_line_password=\(pass)"),
    ("vault-cli login --password \(pass)", "command_line_password=\(pass)"),
  ])
  func found(_ text: String, _ expected: String) {
    #expect(DetectionHarness.values(text) == [expected], "\(text)")
  }

  @Test(arguments: [
    "Basic information about the authorization process",
    "Authorization: Basic",
    "Authorization: Basic bm90LWEtcGFpcg==",  // base64 of "not-a-pair": no colon
    "Authorization: Bearer $TOKEN",
    "Authorization: Bearer <token>",
    "curl -u $USER:$PASS https://example.com",
    "curl -u admin https://example.com",
    "mysql -u root -p payroll",
    "sshpass -p \"$SSHPASS\" ssh host",
    #"net use \\fileserver\share /user:CORP\admin *"#,
    "--password=changeme",
    "use --password to set it",
  ])
  func notFound(_ text: String) {
    #expect(DetectionHarness.values(text).isEmpty, "\(text)")
  }
}
