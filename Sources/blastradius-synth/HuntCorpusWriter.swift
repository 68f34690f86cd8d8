import Foundation

/// The hunting benchmark: a tree of executables, text and opaque binary files, and a YARA rule set
/// in the style of community rules (text, wide and nocase strings, hex strings with wildcards and
/// jumps, regular expressions; conditions on `uint16(0)`, `filesize` and string counts). Some
/// files get the strings of one rule planted, so both tools must report exactly those matches.
struct HuntCorpusWriter {
  struct Summary {
    var bytes = 0
    var files = 0
    var rules = 0
    var planted = 0
  }

  /// One generated rule: its text, and bytes that make it match when planted in a file of the
  /// right kind.
  struct Rule {
    enum Kind { case executable, text, hex }
    var name: String
    var kind: Kind
    var text: String
    var plant: [[UInt8]]
  }

  let root: URL
  let sizeMiB: Int
  let ruleCount: Int
  let seed: UInt64

  /// API and library names found in real executables: strings many rules use, so the scanner
  /// meets many candidate matches that do not complete a rule, as on a real share.
  static let apiNames = [
    "kernel32.dll", "GetProcAddress", "LoadLibraryA", "VirtualAlloc", "CreateRemoteThread",
    "WriteProcessMemory",
    "InternetOpenA", "HttpSendRequestA", "RegSetValueExA", "CreateServiceA", "ShellExecuteA", "WSAStartup",
    "advapi32.dll", "ws2_32.dll", "wininet.dll", "CryptEncrypt", "GetTickCount", "Sleep", "OpenProcess",
  ]
  static let words = [
    "the", "report", "server", "user", "login", "failed", "request", "from", "session", "backup", "config",
    "update",
    "network", "share", "printer", "payroll", "invoice", "project", "meeting", "status", "error", "warning",
    "ok",
  ]

  func run() throws -> Summary {
    var rng = SplitMix64(seed: seed, stream: 0x4855_4E54)
    let rules = (0..<ruleCount).map { makeRule($0, &rng) }
    let fm = FileManager.default
    let tree = root.appendingPathComponent("tree")
    try? fm.removeItem(at: tree)
    try fm.createDirectory(at: tree, withIntermediateDirectories: true)
    try Data(rules.map(\.text).joined(separator: "\n").utf8).write(
      to: root.appendingPathComponent("rules.yar"))

    var summary = Summary(rules: rules.count)
    var planted: [String] = []
    let target = sizeMiB << 20
    while summary.bytes < target {
      let index = summary.files
      let folder = "dept-\(String(index % 16, radix: 16))/\(["bin", "docs", "logs", "data"][index % 4])"
      var bytes: [UInt8]
      var name: String
      let draw = rng.below(100)
      if draw < 45 {
        bytes = executable(&rng)
        name = "tool-\(index).exe"
      } else if draw < 80 {
        bytes = textFile(&rng)
        name = "notes-\(index).log"
      } else {
        bytes = blob(&rng)
        name = "blob-\(index).bin"
      }
      // One file in 40 carries a rule's strings.
      if rng.below(40) == 0 {
        let kind: Rule.Kind = draw < 45 ? [.executable, .hex, .text][rng.below(3)] : .text
        let candidates = rules.filter { $0.kind == kind }
        if !candidates.isEmpty {
          let rule = rng.pick(candidates)
          for piece in rule.plant {
            let at = min(bytes.count, 512 + rng.below(max(1, bytes.count - 512)))
            bytes.insert(contentsOf: piece, at: at)
          }
          planted.append("\(rule.name)\t\(folder)/\(name)")
        }
      }
      let url = tree.appendingPathComponent(folder).appendingPathComponent(name)
      try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
      summary.bytes += bytes.count
      summary.files += 1
    }
    summary.planted = planted.count
    try Data((planted.sorted().joined(separator: "\n") + "\n").utf8).write(
      to: root.appendingPathComponent("planted.tsv"))
    return summary
  }

  // MARK: - Rules

  func token(_ rng: inout SplitMix64, length: Int) -> String {
    let letters = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    return String((0..<length).map { _ in letters[rng.below(letters.count)] })
  }

  func hexBytes(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
  }

  func makeRule(_ i: Int, _ rng: inout SplitMix64) -> Rule {
    let id = String(format: "%03d", i)
    let header = """
      rule Bench_\(["PE", "Text", "Hex"][i % 3])_\(id) {
        meta:
          description = "Synthetic benchmark rule \(id)"
          author = "blastradius-synth"
          date = "2026-11-27"
          score = \(50 + rng.below(50))
        strings:

      """
    switch i % 3 {
    case 0:
      let u1 = "\(token(&rng, length: 6))-\(token(&rng, length: 8))"
      let u2 = token(&rng, length: 14)
      let c1 = rng.pick(Self.apiNames)
      let c2 = rng.pick(Self.apiNames)
      let text =
        header + """
              $u1 = "\(u1)" ascii wide
              $u2 = "\(u2)" ascii
              $c1 = "\(c1)" ascii wide nocase
              $c2 = "\(c2)" ascii
            condition:
              uint16(0) == 0x5A4D and filesize < 8MB and all of ($u*) and 1 of ($c*)
          }

          """
      return Rule(
        name: "Bench_PE_\(id)", kind: .executable, text: text,
        plant: [Array(u1.utf8), Array(u2.utf8), Array(c1.utf8)])
    case 1:
      let s1 = "\(rng.pick(Self.words)) \(token(&rng, length: 10)) \(rng.pick(Self.words))"
      let s2 = token(&rng, length: 12)
      let prefix = token(&rng, length: 7).lowercased()
      let text =
        header + """
              $s1 = "\(s1)" ascii wide nocase
              $s2 = "\(s2)" ascii
              $r1 = /\(prefix)-[0-9]{4,8}\\.(php|asp)\\?id=[a-f0-9]{8}/
            condition:
              filesize < 10MB and (any of ($s*) or $r1)
          }

          """
      return Rule(name: "Bench_Text_\(id)", kind: .text, text: text, plant: [Array(s1.utf8)])
    default:
      let a = (0..<8).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      let b = (0..<6).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      // Wildcards at two places of the first part, a jump between the parts.
      var first = a.map { String(format: "%02X", $0) }
      first[2] = "??"
      first[5] = "?\(String(format: "%X", a[5] & 0xF))"
      let text =
        header + """
              $h1 = { \(first.joined(separator: " ")) [4-16] \(hexBytes(b)) }
              $h2 = { E8 ?? ?? ?? ?? 48 8B ?? \(hexBytes(b.suffix(4))) }
            condition:
              uint16(0) == 0x5A4D and filesize < 8MB and any of them
          }

          """
      return Rule(
        name: "Bench_Hex_\(id)", kind: .hex, text: text, plant: [a + [UInt8](repeating: 0xCC, count: 8) + b])
    }
  }

  // MARK: - Files

  /// Sizes spread evenly over the orders of magnitude from `low` to `high` bytes.
  func logUniform(_ rng: inout SplitMix64, _ low: Int, _ high: Int) -> Int {
    let x = Double(rng.below(1_000_000)) / 1_000_000
    return Int(Double(low) * pow(Double(high) / Double(low), x))
  }

  func randomBytes(_ rng: inout SplitMix64, _ count: Int, into out: inout [UInt8]) {
    var left = count
    while left > 0 {
      let v = rng.next()
      for k in 0..<min(8, left) { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
      left -= 8
    }
  }

  /// A PE-like executable: the DOS header and stub, then sections of code-like random bytes,
  /// zero padding and string tables of API names (ASCII and UTF-16).
  func executable(_ rng: inout SplitMix64) -> [UInt8] {
    let size = logUniform(&rng, 16 << 10, 4 << 20)
    var out: [UInt8] = [
      0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00,
    ]
    out += [UInt8](repeating: 0, count: 44) + [0x80, 0x00, 0x00, 0x00]
    out += Array("This program cannot be run in DOS mode.\r\r\n$".utf8)
    out += [UInt8](repeating: 0, count: 0x80 - out.count) + Array("PE\0\0".utf8)
    out.reserveCapacity(size + 1024)
    while out.count < size {
      switch rng.below(10) {
      case 0..<6: randomBytes(&rng, 512 + rng.below(4096), into: &out)
      case 6..<8: out += [UInt8](repeating: 0, count: 64 + rng.below(1024))
      default:
        for _ in 0..<(4 + rng.below(12)) {
          let name = rng.pick(Self.apiNames)
          out += rng.percent(30) ? Array(name.utf16).flatMap { [UInt8($0), 0] } : Array(name.utf8)
          out.append(0)
        }
      }
    }
    return out
  }

  /// Log lines: timestamps, addresses, words.
  func textFile(_ rng: inout SplitMix64) -> [UInt8] {
    let size = logUniform(&rng, 2 << 10, 1 << 20)
    var out: [UInt8] = []
    out.reserveCapacity(size + 256)
    var second = rng.below(86_400)
    while out.count < size {
      second += rng.below(5)
      let line =
        String(
          format: "2026-11-%02d %02d:%02d:%02d 10.%d.%d.%d ", 1 + second / 86_400 % 28, second / 3600 % 24,
          second / 60 % 60,
          second % 60, rng.below(256), rng.below(256), rng.below(256))
        + (0..<(4 + rng.below(10))).map { _ in rng.pick(Self.words) }.joined(separator: " ") + "\n"
      out += Array(line.utf8)
    }
    return out
  }

  /// Opaque binary data (images, compressed archives): random bytes after a PNG signature.
  func blob(_ rng: inout SplitMix64) -> [UInt8] {
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    randomBytes(&rng, logUniform(&rng, 8 << 10, 4 << 20), into: &out)
    return out
  }
}
