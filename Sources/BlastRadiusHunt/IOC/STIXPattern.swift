import BlastRadiusBase

/// The part of the STIX 2.1 patterning language that names single values BlastRadius can look
/// for: equality comparisons of file hashes, file names, `ipv4-addr`, `ipv6-addr`,
/// `domain-name` and `url` values, in one or more observations joined by `OR`:
///
///     [file:hashes.'SHA-256' = 'aec0…'] OR [file:hashes.MD5 = '44d8…']
///     [domain-name:value = 'evil.com' OR url:value = 'http://evil.com/x']
///
/// Anything else (`AND`, `FOLLOWEDBY`, other operators or objects, qualifiers such as `WITHIN`)
/// needs values seen together or over time: such a pattern is refused with the reason, and its
/// indicator is listed in a warning.
enum STIXPattern {
  /// One comparison: the object path (quotes removed, e.g. `file:hashes.SHA-256`) and the value.
  struct Comparison: Equatable {
    var path: String
    var value: String
  }

  enum Token: Equatable {
    case open, close, openParen, closeParen
    case word(String)  // object paths, keywords, operators spelled as words
    case symbol(String)  // =, !=, <, >, <=, >=
    case literal(String)
  }

  static func parse(_ pattern: String) -> Result<[Comparison], STIXPatternProblem> {
    guard let tokens = tokenize(pattern) else { return .failure(.unsupported("cannot read the pattern")) }
    var i = 0
    var out: [Comparison] = []
    var expectObservation = true
    var parens = 0
    while i < tokens.count {
      let t = tokens[i]
      if expectObservation {
        switch t {
        case .openParen:
          parens += 1
          i += 1
          continue
        case .open:
          i += 1
          var expectComparison = true
          while i < tokens.count, tokens[i] != .close {
            if expectComparison {
              guard i + 2 < tokens.count, case .word(let path) = tokens[i] else {
                return .failure(.unsupported("expected an object path"))
              }
              guard tokens[i + 1] == .symbol("=") else {
                return .failure(.unsupported("only '=' comparisons are supported"))
              }
              guard case .literal(let value) = tokens[i + 2] else {
                return .failure(.unsupported("only string values are supported"))
              }
              guard supports(path) else { return .failure(.unsupported("\(path) is not supported")) }
              out.append(Comparison(path: path, value: value))
              i += 3
              expectComparison = false
            } else {
              guard tokens[i] == .word("OR") else {
                return .failure(.unsupported(keyword(tokens[i]) + " inside an observation is not supported"))
              }
              i += 1
              expectComparison = true
            }
          }
          guard i < tokens.count, !expectComparison else {
            return .failure(.unsupported("unterminated observation"))
          }
          i += 1
          expectObservation = false
        default:
          return .failure(.unsupported("expected an observation '[…]'"))
        }
      } else {
        switch t {
        case .closeParen where parens > 0:
          parens -= 1
          i += 1
        case .word("OR"):
          expectObservation = true
          i += 1
        default:
          return .failure(.unsupported(keyword(t) + " between observations is not supported"))
        }
      }
    }
    guard !expectObservation, parens == 0, !out.isEmpty else {
      return .failure(.unsupported("incomplete pattern"))
    }
    return .success(out)
  }

  static func keyword(_ t: Token) -> String {
    switch t {
    case .word(let w): w
    case .symbol(let s): s
    case .literal: "a value"
    default: "a bracket"
    }
  }

  /// Object paths with a single value to look for.
  static func supports(_ path: String) -> Bool {
    hashKind(path) != nil
      || ["file:name", "ipv4-addr:value", "ipv6-addr:value", "domain-name:value", "url:value"].contains(path)
  }

  /// `file:hashes.MD5`, `file:hashes.'SHA-1'`, `file:hashes.SHA256`… → the algorithm.
  static func hashKind(_ path: String) -> HashKind? {
    guard path.hasPrefix("file:hashes.") else { return nil }
    switch path.dropFirst("file:hashes.".count).uppercased().replacing("-", with: "").replacing("'", with: "")
    {
    case "MD5": return .md5
    case "SHA1": return .sha1
    case "SHA256": return .sha256
    default: return nil
    }
  }

  static func tokenize(_ pattern: String) -> [Token]? {
    let b = Array(pattern.utf8)
    var tokens: [Token] = []
    var i = 0
    func isWordByte(_ c: UInt8) -> Bool {
      ASCII.isAlnum(c) || c == 0x5F || c == 0x2D || c == 0x3A || c == 0x2E
    }
    /// A quoted literal at `i`; returns its text and moves past it.
    func quoted() -> String? {
      var out: [UInt8] = []
      i += 1
      while i < b.count {
        if b[i] == 0x5C, i + 1 < b.count {
          out.append(b[i + 1])
          i += 2
          continue
        }
        if b[i] == 0x27 {
          i += 1
          return String(decoding: out, as: UTF8.self)
        }
        out.append(b[i])
        i += 1
      }
      return nil
    }
    while i < b.count {
      let c = b[i]
      switch c {
      case ASCII.space, ASCII.tab, ASCII.newline, ASCII.carriageReturn: i += 1
      case 0x5B: tokens.append(.open); i += 1
      case 0x5D: tokens.append(.close); i += 1
      case 0x28: tokens.append(.openParen); i += 1
      case 0x29: tokens.append(.closeParen); i += 1
      case 0x27:
        guard let s = quoted() else { return nil }
        tokens.append(.literal(s))
      case 0x3D, 0x21, 0x3C, 0x3E:
        var s = String(UnicodeScalar(c))
        i += 1
        if i < b.count, b[i] == 0x3D {
          s += "="
          i += 1
        }
        tokens.append(.symbol(s))
      default:
        guard isWordByte(c) else { return nil }
        // A word, and in an object path, quoted steps after a dot: file:hashes.'SHA-256'.
        var word = ""
        while i < b.count {
          if isWordByte(b[i]) {
            word.append(Character(UnicodeScalar(b[i])))
            i += 1
          } else if b[i] == 0x27, word.hasSuffix(".") {
            guard let s = quoted() else { return nil }
            word += s
          } else {
            break
          }
        }
        // Typed literals (t'…', h'…', b'…') are values too, just not strings.
        if word.count == 1, i < b.count, b[i] == 0x27 {
          guard quoted() != nil else { return nil }
          tokens.append(.word("\(word)'…'"))
          continue
        }
        tokens.append(.word(word))
      }
    }
    return tokens
  }
}

/// Why a STIX pattern is not used.
enum STIXPatternProblem: Error, Equatable {
  case unsupported(String)

  var message: String {
    switch self {
    case .unsupported(let reason): reason
    }
  }
}
