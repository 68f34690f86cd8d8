import BlastRadiusBase

/// Recognising and normalising network indicators (as written in IOC files), and the boundary
/// rules that decide whether a place in text is one of them rather than part of something longer.
enum NetworkAddress {
  /// The kind and normalised form of `raw`, or why it cannot be searched for.
  static func parse(_ raw: String) -> Result<(value: String, kind: NetworkKind), NetworkIndicatorProblem> {
    var text = raw.lowercased()
    if text.contains("://") {
      return text.utf8.contains(where: { $0 <= 0x20 }) ? .failure(.malformed) : .success((text, .url))
    }
    if let slash = text.firstIndex(of: "/") {
      // A host route is the address; a wider block would need range matching.
      let prefix = text[text.index(after: slash)...]
      let address = String(text[..<slash])
      if isIPv4(address), prefix == "32" { return .success((address, .ipv4)) }
      if address.contains(":"), isIPv6(address), prefix == "128" { return .success((address, .ipv6)) }
      return .failure(.cidr)
    }
    if isIPv4(text) { return .success((text, .ipv4)) }
    if text.contains(":") { return isIPv6(text) ? .success((text, .ipv6)) : .failure(.malformed) }
    if text.hasPrefix("*.") { text.removeFirst(2) }
    if text.hasSuffix(".") { text.removeLast() }
    return isDomain(text) ? .success((text, .domain)) : .failure(.malformed)
  }

  static func isIPv4(_ s: String) -> Bool {
    let parts = s.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4
      && parts.allSatisfy { p in
        (1...3).contains(p.count) && p.utf8.allSatisfy(ASCII.isDigit) && Int(p)! <= 255
      }
  }

  static func isIPv6(_ s: String) -> Bool {
    let groups = s.split(separator: ":", omittingEmptySubsequences: false)
    guard groups.count >= 3, groups.count <= 9 else { return false }
    let hex = groups.filter { !$0.isEmpty }
    return hex.allSatisfy { g in
      (g.count <= 4 && g.utf8.allSatisfy(ASCII.isHexDigit)) || (g == groups.last! && isIPv4(String(g)))
    } && (s.contains("::") || hex.count == 8 || (hex.count == 7 && isIPv4(String(groups.last!))))
  }

  static func isDomain(_ s: String) -> Bool {
    let labels = s.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2, let tld = labels.last,
      tld.utf8.allSatisfy(ASCII.isLetter) || tld.hasPrefix("xn--")
    else {
      return false
    }
    return labels.allSatisfy { l in
      !l.isEmpty && l.count <= 63 && l.utf8.allSatisfy { isHostByte($0) || $0 == 0x5F }
    }
  }

  /// Letters, digits and `-`: bytes that continue a host name label.
  static func isHostByte(_ b: UInt8) -> Bool { ASCII.isDigit(b) || ASCII.isLetter(b) || b == 0x2D }

  /// Whether `text[start..<end]`, which equals an indicator of `kind`, stands on its own:
  /// - IPv4: no digit or `digit.` before, no digit or `.digit` after (10.1.1.1 is not in
  ///   110.1.1.12 nor in 10.1.1.123);
  /// - IPv6: no hex digit, `:` or `.` on either side;
  /// - domain: no label byte before (a `.` is fine: `sub.evil.com` is under `evil.com`, but
  ///   `notevil.com` is not), no label byte or `.label` after (`evil.com.au` is another domain);
  /// - URL: no byte after that would continue its last path segment.
  static func standsAlone(_ text: UnsafeRawBufferPointer, start: Int, end: Int, kind: NetworkKind) -> Bool {
    let before: UInt8? = start > 0 ? text[start - 1] : nil
    let before2: UInt8? = start > 1 ? text[start - 2] : nil
    let after: UInt8? = end < text.count ? text[end] : nil
    let after2: UInt8? = end + 1 < text.count ? text[end + 1] : nil
    switch kind {
    case .ipv4:
      if let b = before, ASCII.isDigit(b) || (b == 0x2E && before2.map(ASCII.isDigit) == true) {
        return false
      }
      if let a = after, ASCII.isDigit(a) || (a == 0x2E && after2.map(ASCII.isDigit) == true) { return false }
      return true
    case .ipv6:
      if let b = before, ASCII.isHexDigit(b) || b == 0x3A || b == 0x2E { return false }
      if let a = after, ASCII.isHexDigit(a) || a == 0x3A || (a == 0x2E && after2.map(ASCII.isDigit) == true) {
        return false
      }
      return true
    case .domain:
      if let b = before, isHostByte(b) || b == 0x5F { return false }
      if let a = after, isHostByte(a) || a == 0x5F || (a == 0x2E && after2.map(isHostByte) == true) {
        return false
      }
      return true
    case .url:
      if let b = before, ASCII.isLetter(b) { return false }
      if let a = after, isHostByte(a) || a == 0x2E || a == 0x5F || a == 0x7E || a == 0x25 { return false }
      return true
    }
  }
}

/// Why a network indicator is not searched for.
enum NetworkIndicatorProblem: Error {
  case cidr, malformed

  var message: String {
    switch self {
    case .cidr: "address ranges (CIDR) are not supported, only single addresses"
    case .malformed: "not an IPv4 or IPv6 address, a domain or a URL"
    }
  }
}
