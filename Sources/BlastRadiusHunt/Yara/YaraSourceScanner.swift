import BlastRadiusBase

/// What BlastRadius needs to know about a rule file before (or instead of) compiling it: where
/// each rule starts, whether a condition reads the `md5` external (so that files are hashed only
/// then), and whether the file includes others (their content is not in the cache key).
///
/// A tokenizer, not a parser: it skips comments, text strings, hex strings and regular
/// expressions so that what they hold is never taken for a keyword. YARA still compiles the file.
struct YaraSourceScanner {
  /// Rules by name with their 1-based line.
  var ruleLines: [String: Int] = [:]
  var usesMD5 = false
  var hasIncludes = false

  init(_ text: [UInt8]) {
    var i = 0
    var line = 1
    var depth = 0
    var section = ""
    var previous = ""  // the last identifier or punctuation seen
    var expectRuleName = false
    let n = text.count

    func isIdentStart(_ b: UInt8) -> Bool { ASCII.isLetter(b) || b == 0x5F }

    /// Skips to just past `close`, honouring backslash escapes and counting lines.
    func skip(to close: UInt8, from start: Int) -> Int {
      var j = start
      while j < n, text[j] != close {
        if text[j] == 0x5C { j += 1 }
        if j < n, text[j] == ASCII.newline { line += 1 }
        j += 1
      }
      return min(n, j + 1)
    }

    while i < n {
      let b = text[i]
      if b == ASCII.newline {
        line += 1
        i += 1
        continue
      }
      if b == 0x2F, i + 1 < n, text[i + 1] == 0x2F {  // line comment
        while i < n, text[i] != ASCII.newline { i += 1 }
        continue
      }
      if b == 0x2F, i + 1 < n, text[i + 1] == 0x2A {  // block comment
        i += 2
        while i + 1 < n, !(text[i] == 0x2A && text[i + 1] == 0x2F) {
          if text[i] == ASCII.newline { line += 1 }
          i += 1
        }
        i += 2
        continue
      }
      if b == ASCII.quote {
        if previous == "include" { hasIncludes = true }
        i = skip(to: ASCII.quote, from: i + 1)
        previous = "\""
        continue
      }
      if b == 0x2F, previous == "=" || previous == "matches" {  // regular expression
        i = skip(to: 0x2F, from: i + 1)
        previous = "/"
        continue
      }
      if b == 0x7B {  // {
        if depth == 1, previous == "=" {  // hex string
          i = skip(to: 0x7D, from: i + 1)
          previous = "}"
          continue
        }
        depth += 1
        section = ""
        previous = "{"
        i += 1
        continue
      }
      if b == 0x7D {
        depth = max(0, depth - 1)
        previous = "}"
        i += 1
        continue
      }
      if isIdentStart(b) {
        var j = i
        while j < n, ASCII.isWord(text[j]) { j += 1 }
        let word = String(decoding: text[i..<j], as: UTF8.self)
        if expectRuleName {
          ruleLines[word] = line
          expectRuleName = false
        } else if depth == 0, word == "rule" {
          expectRuleName = true
        } else if depth == 1, ["meta", "strings", "condition"].contains(word),
          text[j...].first(where: { $0 != ASCII.space && $0 != ASCII.tab }) == 0x3A
        {
          section = word
        } else if section == "condition", word == "md5", ![".", "$", "#", "@", "!"].contains(previous) {
          usesMD5 = true
        }
        previous = word
        i = j
        continue
      }
      if b != ASCII.space && b != ASCII.tab && b != ASCII.carriageReturn {
        previous = String(UnicodeScalar(b))
      }
      i += 1
    }
  }
}
