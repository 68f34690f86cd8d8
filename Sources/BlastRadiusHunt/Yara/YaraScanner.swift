import CYara
import BlastRadiusBase

/// What YARA is told about the item before it scans it: the external variables.
struct YaraExternals {
  /// The item's own name (`evil.exe`, also for an archive member).
  var filename = ""
  /// The folder it is in: for a member, the archive's path and the member's folders.
  var filepath = ""
  /// The name's extension in lowercase with its dot (`.exe`), or empty.
  var fileExtension = ""
  /// The type its first bytes say (`EXE`, `ELF`, `ZIP`…; see `FileType`).
  var filetype = ""
  /// The user owning the file on disk.
  var owner = ""
  /// Lowercase hex MD5 of the item, when some rule's condition reads it.
  var md5 = ""
}

/// The result of one YARA scan of one item.
enum YaraOutcome {
  case matched([HuntHit])
  case timedOut
  case failed(String)
}

/// One worker's YARA scanner over the shared rules. Never used by two threads.
final class YaraScanner {
  let rules: YaraRuleSet
  let raw: UnsafeMutablePointer<YR_SCANNER>
  let reveal: Bool
  /// Matches of the scan under way, gathered by the callback.
  var hits: [HuntHit] = []
  /// The place of the scan under way, for the hits.
  var path = ""
  var within: [String] = []
  /// Offsets reported per string; the count says how many there were.
  static let offsetsKept = 16
  /// Score of a rule without a `score` meta (as Loki gives one).
  static let defaultScore = 75

  init(rules: YaraRuleSet, timeoutSeconds: Int, reveal: Bool) throws(BlastRadiusError) {
    self.rules = rules
    self.reveal = reveal
    var scanner: UnsafeMutablePointer<YR_SCANNER>?
    let status = yr_scanner_create(rules.rules, &scanner)
    guard status == ERROR_SUCCESS, let scanner else {
      throw BlastRadiusError(
        .yaraUnavailable, "cannot create a YARA scanner: \(YaraLibrary.errorName(status))")
    }
    raw = scanner
    yr_scanner_set_timeout(raw, Int32(clamping: timeoutSeconds))
    // libyara's SIGBUS/SIGSEGV guard stays on also for our own buffers: it costs about 3 µs a
    // scan, and a fault in a module parsing a hostile file becomes an error record, not a crash.
    yr_scanner_set_flags(raw, SCAN_FLAGS_REPORT_RULES_MATCHING)
    yr_scanner_set_callback(
      raw,
      { context, message, data, user in
        guard message == CALLBACK_MSG_RULE_MATCHING, let context, let data, let user else {
          return CALLBACK_CONTINUE
        }
        let scanner = Unmanaged<YaraScanner>.fromOpaque(user).takeUnretainedValue()
        scanner.collect(data.assumingMemoryBound(to: YR_RULE.self), context: context)
        return CALLBACK_CONTINUE
      }, Unmanaged.passUnretained(self).toOpaque())
  }

  deinit { yr_scanner_destroy(raw) }

  /// Scans bytes in memory.
  func scan(_ bytes: UnsafeRawBufferPointer, place: ItemPlace, externals: YaraExternals) -> YaraOutcome {
    prepare(place, externals)
    // libyara wants a pointer even for an empty item.
    var empty: UInt8 = 0
    let status = withUnsafeMutablePointer(to: &empty) { fallback in
      yr_scanner_scan_mem(
        raw, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(fallback), bytes.count)
    }
    return outcome(status)
  }

  /// Scans an open file by mapping it (libyara catches a file truncated under the mapping):
  /// for files on disk too large to be kept in memory.
  func scan(fd: Int32, place: ItemPlace, externals: YaraExternals) -> YaraOutcome {
    prepare(place, externals)
    return outcome(yr_scanner_scan_fd(raw, fd))
  }

  private func prepare(_ place: ItemPlace, _ e: YaraExternals) {
    hits.removeAll(keepingCapacity: true)
    path = place.path
    within = place.within
    yr_scanner_define_string_variable(raw, "filename", e.filename)
    yr_scanner_define_string_variable(raw, "filepath", e.filepath)
    yr_scanner_define_string_variable(raw, "extension", e.fileExtension)
    yr_scanner_define_string_variable(raw, "filetype", e.filetype)
    yr_scanner_define_string_variable(raw, "owner", e.owner)
    yr_scanner_define_string_variable(raw, "md5", e.md5)
  }

  private func outcome(_ status: Int32) -> YaraOutcome {
    switch status {
    case ERROR_SUCCESS: .matched(hits)
    case ERROR_SCAN_TIMEOUT: .timedOut
    default: .failed(YaraLibrary.errorName(status))
    }
  }

  /// Turns a matching rule into a hit: name, namespace, tags, meta and matched strings.
  func collect(_ rule: UnsafeMutablePointer<YR_RULE>, context: UnsafeMutablePointer<YR_SCAN_CONTEXT>) {
    let r = rule.pointee
    let name = r.identifier.map { String(cString: $0) } ?? "?"
    let namespace = r.ns.flatMap { $0.pointee.name }.map { String(cString: $0) } ?? "default"
    var hit = HuntHit(
      path: path, within: within, match: .yara, name: name,
      sourceFile: rules.namespaceFiles[namespace] ?? namespace, score: Self.defaultScore)
    hit.namespace = namespace
    hit.sourceLine = rules.origins[namespace]?[name]

    if var tag = r.tags {
      while tag.pointee != 0 {
        let text = String(cString: tag)
        hit.tags.append(text)
        tag += text.utf8.count + 1
      }
    }
    if var meta = r.metas {
      while true {
        let m = meta.pointee
        let key = m.identifier.map { String(cString: $0) } ?? ""
        let text = m.type == META_TYPE_STRING ? m.string.map { String(cString: $0) } : nil
        switch key {
        case "description": hit.description = text
        case "author": hit.author = text
        case "score":
          hit.ruleScore = m.type == META_TYPE_INTEGER ? Int(m.integer) : text.flatMap { Int($0) }
          hit.score = hit.ruleScore ?? hit.score
        default: break
        }
        if m.flags & META_FLAGS_LAST_IN_RULE != 0 { break }
        meta += 1
      }
    }
    if var string = r.strings {
      while true {
        let s = string.pointee
        if s.flags & UInt32(STRING_FLAGS_PRIVATE) == 0 {
          let list = context.pointee.matches[Int(s.idx)]
          if list.count > 0 {
            var found = YaraStringMatch(
              identifier: s.identifier.map { String(cString: $0) } ?? "$", offsets: [],
              count: Int(list.count),
              data: reveal ? [] : nil)
            var match = list.head
            while let m = match, found.offsets.count < Self.offsetsKept {
              found.offsets.append(Int(m.pointee.base + m.pointee.offset))
              if reveal, let bytes = m.pointee.data {
                found.data!.append(
                  Array(UnsafeBufferPointer(start: bytes, count: Int(m.pointee.data_length))))
              }
              match = m.pointee.next
            }
            hit.strings.append(found)
          }
        }
        if s.flags & UInt32(STRING_FLAGS_LAST_IN_RULE) != 0 { break }
        string += 1
      }
    }
    hits.append(hit)
  }
}
