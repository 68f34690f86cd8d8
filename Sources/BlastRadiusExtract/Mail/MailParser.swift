import BlastRadiusBase

/// Reads RFC 5322 / MIME messages and mbox files into what a detector should see: readable header
/// lines, text bodies and decoded attachments. Pure and byte-based, so every message the scanner
/// meets (an .eml, an mbox, a message inside an archive) goes through one well-tested path.
package enum MailParser {
  /// Header fields that mark a file as mail rather than text that merely has colons in it.
  static let markerFields: Set<[UInt8]> = Set(
    ["from", "to", "subject", "date", "message-id", "mime-version", "received", "return-path"].map {
      Array($0.utf8)
    })

  /// Headers of MIME and transport plumbing: no person writes into them, and their hashes and IDs
  /// only feed the detectors noise.
  static let hiddenFields: Set<[UInt8]> = Set(
    [
      "mime-version", "received", "x-received", "message-id", "in-reply-to", "references", "dkim-signature",
      "x-google-dkim-signature", "domainkey-signature", "authentication-results", "received-spf",
      "thread-index",
    ].map { Array($0.utf8) })

  static let envelope = Array("From ".utf8)

  /// Whether a file's first bytes are mail: an mbox (`From ` at byte 0, its next line a header
  /// field, as every mbox writer leaves it, so prose that happens to start with "From " is not
  /// taken) or a message whose first lines, within 4 KiB, are header fields naming at least two of
  /// From, To, Subject, Date, Message-ID, MIME-Version, Received and Return-Path.
  package static func looksLikeMail(_ head: [UInt8]) -> Bool {
    let window = head.prefix(4096)
    if window.starts(with: envelope) {
      guard let newline = window.firstIndex(of: ASCII.newline) else { return true }
      let next = window[(newline + 1)...]
      guard let end = next.firstIndex(of: ASCII.newline) else { return true }
      return fieldNameEnd(trimmingCR(next[..<end])) != nil
    }
    var seen: Set<[UInt8]> = []
    var i = window.startIndex
    var first = true
    while let newline = window[i...].firstIndex(of: ASCII.newline) {
      let line = trimmingCR(window[i..<newline])
      i = newline + 1
      if line.isEmpty { break }
      if ASCII.isBlank(line.first!) {
        if first { return false }
        continue
      }
      guard let colon = fieldNameEnd(line) else { return false }
      let name = lowercased(trimmingBlanks(line[..<colon]))
      if markerFields.contains(name) {
        seen.insert(name)
        if seen.count >= 2 { return true }
      }
      first = false
    }
    return false
  }

  /// The messages of an mbox, each without its `From ` envelope line and without the blank line
  /// that separates it from the next. A `From ` line opens a message only at the start of the file
  /// or after a blank line; `>From `, `>>From `… lose one `>` (mboxrd), which copies that message.
  package static func messages(mbox: [UInt8]) -> [ArraySlice<UInt8>] {
    // (start of the envelope line, start of the message, length of the blank line before it)
    var separators: [(line: Int, body: Int, blank: Int)] = []
    var previousBlank = 0  // length of the previous line's terminator if it was blank, else -1
    var i = 0
    let n = mbox.count
    while i < n {
      let newline = mbox[i...].firstIndex(of: ASCII.newline)
      let next = newline.map { $0 + 1 } ?? n
      if previousBlank >= 0, mbox[i..<next].starts(with: envelope) {
        separators.append((i, next, previousBlank))
      }
      let content = trimmingCR(mbox[i..<(newline ?? n)])
      previousBlank = content.isEmpty ? next - i : -1
      i = next
    }
    var ranges: [Range<Int>] = []
    if let first = separators.first?.line, first > 0, mbox[..<first].contains(where: { !ASCII.isSpace($0) }) {
      ranges.append(0..<first)
    }
    for (k, s) in separators.enumerated() {
      let end = k + 1 < separators.count ? separators[k + 1].line - separators[k + 1].blank : n
      ranges.append(s.body..<max(s.body, end))
    }
    if separators.isEmpty, mbox.contains(where: { !ASCII.isSpace($0) }) { ranges.append(0..<n) }
    return ranges.compactMap { range in
      let message = mbox[range]
      return message.isEmpty ? nil : unquotingFrom(message)
    }
  }

  /// Parses one message (a leading mbox envelope line is skipped). Never fails: what cannot be
  /// read is noted in `problems` and parsing goes on.
  package static func parse(_ message: ArraySlice<UInt8>, limits: MailLimits = MailLimits()) -> MailMessage {
    var walk = Walk(limits: limits)
    walk.message(message, depth: 0)
    return walk.result
  }

  // MARK: Header fields

  /// One header field, unfolded.
  struct Field {
    var name: ArraySlice<UInt8>
    /// Lower-case name, for lookups.
    var key: [UInt8]
    var value: [UInt8]
  }

  /// Splits an entity into its header fields and its body. The header ends at the first empty
  /// line, or at the first line that is neither a field nor a continuation (a message with no
  /// separating blank line).
  static func splitHeader(_ entity: ArraySlice<UInt8>) -> (fields: [Field], body: ArraySlice<UInt8>) {
    var fields: [Field] = []
    var i = entity.startIndex
    while i < entity.endIndex {
      let newline = entity[i...].firstIndex(of: ASCII.newline)
      let next = newline.map { $0 + 1 } ?? entity.endIndex
      let line = trimmingCR(entity[i..<(newline ?? entity.endIndex)])
      if line.isEmpty { return (fields, entity[next...]) }
      if ASCII.isBlank(line.first!), !fields.isEmpty {
        fields[fields.count - 1].value += line  // unfolding drops the line break, keeps the blank
      } else if let colon = fieldNameEnd(line) {
        let name = trimmingBlanks(line[..<colon])
        fields.append(Field(name: name, key: lowercased(name), value: Array(line[(colon + 1)...])))
      } else {
        return (fields, entity[i...])
      }
      i = next
    }
    return (fields, entity[entity.endIndex...])
  }

  /// Index of the colon ending a field name (printable ASCII other than `:`, blanks allowed
  /// before the colon), or nil if the line is not a header field.
  static func fieldNameEnd(_ line: ArraySlice<UInt8>) -> Int? {
    var i = line.startIndex
    while i < line.endIndex, line[i] > 0x20, line[i] < 0x7F, line[i] != 0x3A { i += 1 }
    guard i > line.startIndex else { return nil }
    while i < line.endIndex, ASCII.isBlank(line[i]) { i += 1 }
    return i < line.endIndex && line[i] == 0x3A ? i : nil
  }

  static func value(_ fields: [Field], _ key: String) -> ArraySlice<UInt8>? {
    let key = Array(key.utf8)
    return fields.first { $0.key == key }.map { trimmingBlanks($0.value[...]) }
  }

  // MARK: Structured values

  /// A Content-Type or Content-Disposition value: its lower-case main token and its parameters,
  /// RFC 2231 continuations joined and extended values already decoded to UTF-8.
  struct StructuredValue {
    var token: [UInt8]
    var parameters: [(name: [UInt8], value: [UInt8], isDecoded: Bool)]

    func parameter(_ name: String) -> (value: [UInt8], isDecoded: Bool)? {
      let key = Array(name.utf8)
      return parameters.first { $0.name == key }.map { ($0.value, $0.isDecoded) }
    }
  }

  static func structuredValue(_ v: ArraySlice<UInt8>) -> StructuredValue {
    let semicolon: UInt8 = 0x3B
    var i = v.firstIndex(of: semicolon) ?? v.endIndex
    // The token ends at white space or a comment: "text/plain (sent by Foo)" is text/plain.
    let head = trimmingBlanks(v[v.startIndex..<i])
    let token = lowercased(head.prefix { !ASCII.isBlank($0) && $0 != 0x28 })
    var raw: [(name: [UInt8], value: [UInt8])] = []
    while i < v.endIndex {
      i += 1
      let nameStart = i
      while i < v.endIndex, v[i] != 0x3D, v[i] != semicolon { i += 1 }
      guard i < v.endIndex, v[i] == 0x3D else { continue }
      let name = lowercased(trimmingBlanks(v[nameStart..<i]))
      i += 1
      while i < v.endIndex, ASCII.isBlank(v[i]) { i += 1 }
      var value: [UInt8] = []
      if i < v.endIndex, v[i] == ASCII.quote {
        i += 1
        while i < v.endIndex, v[i] != ASCII.quote {
          if v[i] == 0x5C, i + 1 < v.endIndex { i += 1 }
          value.append(v[i])
          i += 1
        }
        while i < v.endIndex, v[i] != semicolon { i += 1 }
      } else {
        let start = i
        while i < v.endIndex, v[i] != semicolon { i += 1 }
        value = Array(trimmingBlanks(v[start..<i]))
      }
      if !name.isEmpty { raw.append((name, value)) }
    }
    return StructuredValue(token: token, parameters: joinedParameters(raw))
  }

  /// Applies RFC 2231: `name*=charset'lang'%XX…` is decoded, `name*0`, `name*1*`… are joined in
  /// order (percent-decoded where marked `*`, in the charset given by the first). The first of
  /// several same-named parameters wins, an extended one over a plain one.
  static func joinedParameters(
    _ raw: [(name: [UInt8], value: [UInt8])]
  ) -> [(name: [UInt8], value: [UInt8], isDecoded: Bool)] {
    var order: [[UInt8]] = []
    var plain: [[UInt8]: [UInt8]] = [:]
    var extended: [[UInt8]: [UInt8]] = [:]
    var sections: [[UInt8]: [(index: Int, isExtended: Bool, value: [UInt8])]] = [:]
    for (name, value) in raw {
      guard let star = name.firstIndex(of: 0x2A) else {
        if plain[name] == nil { plain[name] = value }
        if !order.contains(name) { order.append(name) }
        continue
      }
      let base = Array(name[..<star])
      var rest = name[(star + 1)...]
      if rest.isEmpty {
        if extended[base] == nil { extended[base] = value }
      } else {
        let isExtended = rest.last == 0x2A
        if isExtended { rest = rest.dropLast() }
        guard !rest.isEmpty, rest.count < 5, rest.allSatisfy(ASCII.isDigit),
          let index = Int(String(decoding: rest, as: UTF8.self))
        else { continue }
        sections[base, default: []].append((index, isExtended, value))
      }
      if !order.contains(base) { order.append(base) }
    }
    return order.map { name in
      if let value = extended[name] {
        let (charset, data) = splitExtended(value[...])
        return (name, MIMEDecoding.toUTF8(MIMEDecoding.percentDecoded(data)[...], charset: charset), true)
      }
      if let parts = sections[name] {
        var charset = MIMEDecoding.Charset.usASCII
        var bytes: [UInt8] = []
        var anyExtended = false
        for (k, part) in parts.sorted(by: { $0.index < $1.index }).enumerated() {
          guard part.isExtended else {
            bytes += part.value
            continue
          }
          anyExtended = true
          var data = part.value[...]
          if k == 0 { (charset, data) = splitExtended(data) }
          bytes += MIMEDecoding.percentDecoded(data)
        }
        return anyExtended
          ? (name, MIMEDecoding.toUTF8(bytes[...], charset: charset), true) : (name, bytes, false)
      }
      return (name, plain[name] ?? [], false)
    }
  }

  /// `charset'language'data` into its charset and data; without both quotes, all of it is data.
  static func splitExtended(_ value: ArraySlice<UInt8>) -> (MIMEDecoding.Charset, ArraySlice<UInt8>) {
    guard let first = value.firstIndex(of: 0x27), let second = value[(first + 1)...].firstIndex(of: 0x27)
    else {
      return (.usASCII, value)
    }
    return (MIMEDecoding.Charset(label: value[..<first]), value[(second + 1)...])
  }

  // MARK: Multipart

  /// The parts between `--boundary` delimiter lines (the line break before a delimiter belongs to
  /// it), whether any delimiter was found, and whether the closing `--boundary--` was. Preamble
  /// and epilogue are dropped; without a closing delimiter the last part runs to the end.
  static func splitMultipart(
    _ body: ArraySlice<UInt8>, boundary: [UInt8]
  ) -> (parts: [ArraySlice<UInt8>], found: Bool, closed: Bool) {
    let delimiter = [ASCII.hyphen, ASCII.hyphen] + boundary
    var parts: [ArraySlice<UInt8>] = []
    var partStart: Int?
    var i = body.startIndex
    while i < body.endIndex {
      let newline = body[i...].firstIndex(of: ASCII.newline)
      let lineEnd = newline ?? body.endIndex
      let next = newline.map { $0 + 1 } ?? body.endIndex
      if body[i] == ASCII.hyphen, body[i..<lineEnd].starts(with: delimiter),
        let isClose = delimiterKind(body[(i + delimiter.count)..<lineEnd])
      {
        if let start = partStart {
          var end = i
          if end > start, body[end - 1] == ASCII.newline {
            end -= 1
            if end > start, body[end - 1] == ASCII.carriageReturn { end -= 1 }
          }
          parts.append(body[start..<end])
        }
        if isClose { return (parts, true, true) }
        partStart = next
      }
      i = next
    }
    if let start = partStart { parts.append(body[start...]) }
    return (parts, partStart != nil, false)
  }

  /// What follows `--boundary` on its line: `--` (closing, true) or nothing (false), then only
  /// blanks; anything else means the line is not a delimiter (nil).
  static func delimiterKind(_ rest: ArraySlice<UInt8>) -> Bool? {
    let isClose = rest.starts(with: [ASCII.hyphen, ASCII.hyphen])
    let tail = isClose ? rest.dropFirst(2) : rest
    return tail.allSatisfy { ASCII.isBlank($0) || $0 == ASCII.carriageReturn } ? isClose : nil
  }

  // MARK: Names

  /// File extensions for unnamed parts, so the scanner's sniffing and reports see a familiar name.
  static let extensions: [String: String] = [
    "text/plain": "txt", "text/html": "html", "text/csv": "csv", "text/calendar": "ics", "text/vcard": "vcf",
    "text/x-vcard": "vcf", "text/xml": "xml", "text/rtf": "rtf", "text/enriched": "txt",
    "text/markdown": "md",
    "application/xml": "xml", "application/json": "json", "application/pdf": "pdf", "application/rtf": "rtf",
    "application/zip": "zip", "application/x-zip-compressed": "zip", "application/gzip": "gz",
    "application/x-gzip": "gz", "application/x-tar": "tar", "application/x-7z-compressed": "7z",
    "application/x-bzip2": "bz2", "application/x-xz": "xz", "application/zstd": "zst",
    "application/msword": "doc", "application/vnd.ms-excel": "xls", "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt", "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp", "application/ms-tnef": "dat",
    "application/pkcs7-signature": "p7s", "application/pgp-signature": "asc",
    "application/octet-stream": "bin",
    "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/tiff": "tif", "image/bmp": "bmp",
    "image/webp": "webp", "image/svg+xml": "svg", "message/rfc822": "eml", "message/delivery-status": "txt",
  ]

  static func fileExtension(for type: [UInt8]) -> String {
    let name = String(decoding: type, as: UTF8.self)
    if let ext = extensions[name] { return ext }
    return type.starts(with: Array("text/".utf8)) ? "txt" : "bin"
  }

  /// The part's file name: filename (or filename*) of Content-Disposition, else name of
  /// Content-Type; RFC 2047 words in a plain value decoded (common, though no standard allows it).
  static func fileName(disposition: StructuredValue?, type: StructuredValue?) -> String? {
    for candidate in [disposition?.parameter("filename"), type?.parameter("name")] {
      guard let (value, isDecoded) = candidate else { continue }
      let bytes = isDecoded ? value : MIMEDecoding.decodeEncodedWords(value[...])
      let name = trimmingBlanks(bytes[...]).map { $0 < 0x20 ? ASCII.space : $0 }
      if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
    }
    return nil
  }

  // MARK: Bytes

  static func trimmingCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    line.last == ASCII.carriageReturn ? line.dropLast() : line
  }

  static func trimmingBlanks(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var s = s
    while let b = s.first, ASCII.isBlank(b) { s = s.dropFirst() }
    while let b = s.last, ASCII.isBlank(b) { s = s.dropLast() }
    return s
  }

  static func lowercased(_ s: ArraySlice<UInt8>) -> [UInt8] { s.map(ASCII.lower) }

  /// The message with one `>` taken from each `>From `, `>>From `… line; the slice itself when
  /// there is none.
  static func unquotingFrom(_ message: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var out: [UInt8]?
    var copied = message.startIndex
    var i = message.startIndex
    while i < message.endIndex {
      if message[i] == 0x3E {
        var j = i
        while j < message.endIndex, message[j] == 0x3E { j += 1 }
        if message[j...].starts(with: envelope) {
          if out == nil { out = [] }
          out! += message[copied..<i]
          copied = i + 1
        }
      }
      guard let newline = message[i...].firstIndex(of: ASCII.newline) else { break }
      i = newline + 1
    }
    guard var result = out else { return message }
    result += message[copied...]
    return result[...]
  }
}

extension MailParser {
  /// One pass over a message and everything nested in it, gathering the result and enforcing
  /// the limits.
  struct Walk {
    let limits: MailLimits
    var result = MailMessage()
    var entities = 0
    var decodedBytes = 0
    var partLimitNoted = false
    var sizeLimitNoted = false

    init(limits: MailLimits) { self.limits = limits }

    mutating func message(_ bytes: ArraySlice<UInt8>, depth: Int) {
      var bytes = bytes
      if bytes.starts(with: MailParser.envelope) {
        bytes = bytes[(bytes.firstIndex(of: ASCII.newline).map { $0 + 1 } ?? bytes.endIndex)...]
      }
      let (fields, body) = MailParser.splitHeader(bytes)
      appendHeaders(fields)
      entity(fields, body, depth: depth, inDigest: false)
    }

    mutating func appendHeaders(_ fields: [Field]) {
      for field in fields where !MailParser.hiddenFields.contains(field.key) {
        if field.key.starts(with: Array("content-".utf8)) && field.key != Array("content-description".utf8) {
          continue
        }
        if field.key.starts(with: Array("arc-".utf8)) { continue }
        let value = MIMEDecoding.decodeEncodedWords(MailParser.trimmingBlanks(field.value[...]))
        guard !value.isEmpty else { continue }
        result.headers += field.name
        result.headers += [0x3A, ASCII.space]
        result.headers += value.map { $0 == ASCII.newline || $0 == ASCII.carriageReturn ? ASCII.space : $0 }
        result.headers.append(ASCII.newline)
      }
    }

    mutating func entity(_ fields: [Field], _ body: ArraySlice<UInt8>, depth: Int, inDigest: Bool) {
      entities += 1
      guard entities <= limits.maxParts else {
        if !partLimitNoted { result.problems.append(.limit("part limit \(limits.maxParts) reached")) }
        partLimitNoted = true
        return
      }
      let type = MailParser.value(fields, "content-type").map(MailParser.structuredValue)
      var mime = type?.token ?? Array((inDigest ? "message/rfc822" : "text/plain").utf8)
      if !mime.contains(ASCII.slash) { mime = Array("text/plain".utf8) }

      if mime.starts(with: Array("multipart/".utf8)) {
        guard let boundary = type?.parameter("boundary")?.value, !boundary.isEmpty else {
          result.problems.append(.damaged("multipart without boundary"))
          leaf(fields, body, mime: Array("text/plain".utf8), type: nil)
          return
        }
        guard depth < limits.maxDepth else {
          result.problems.append(.limit("depth limit \(limits.maxDepth) reached"))
          return
        }
        let split = MailParser.splitMultipart(body, boundary: boundary)
        let quoted = "\"" + String(decoding: boundary, as: UTF8.self) + "\""
        guard split.found else {
          result.problems.append(.damaged("boundary \(quoted) not found"))
          leaf(fields, body, mime: Array("text/plain".utf8), type: nil)
          return
        }
        if !split.closed { result.problems.append(.damaged("missing closing boundary \(quoted)")) }
        let digest = mime == Array("multipart/digest".utf8)
        for part in split.parts {
          let (partFields, partBody) = MailParser.splitHeader(part)
          entity(partFields, partBody, depth: depth + 1, inDigest: digest)
        }
      } else if mime == Array("message/rfc822".utf8) || mime == Array("message/global".utf8) {
        guard depth < limits.maxDepth else {
          result.problems.append(.limit("depth limit \(limits.maxDepth) reached"))
          return
        }
        message(transferDecoded(fields, body)[...], depth: depth + 1)
      } else {
        leaf(fields, body, mime: mime, type: type)
      }
    }

    /// A part with content of its own: a text body, or an attachment.
    mutating func leaf(_ fields: [Field], _ body: ArraySlice<UInt8>, mime: [UInt8], type: StructuredValue?) {
      let disposition = MailParser.value(fields, "content-disposition").map(MailParser.structuredValue)
      let name = MailParser.fileName(disposition: disposition, type: type)
      let data = transferDecoded(fields, body)
      guard decodedBytes + data.count <= limits.maxDecodedBytes else {
        if !sizeLimitNoted { result.problems.append(.limit("decoded size limit reached")) }
        sizeLimitNoted = true
        return
      }
      decodedBytes += data.count
      let isText = mime == Array("text/plain".utf8) || mime == Array("text/html".utf8)
      if isText, name == nil, disposition?.token != Array("attachment".utf8) {
        let charset = MIMEDecoding.Charset(label: type?.parameter("charset")?.value ?? [])
        let text = MIMEDecoding.toUTF8(data[...], charset: charset)
        if !text.isEmpty {
          result.bodies.append(MailBody(text: text, isHTML: mime == Array("text/html".utf8)))
        }
      } else {
        let fallback = "part-\(result.attachments.count + 1).\(MailParser.fileExtension(for: mime))"
        result.attachments.append(
          MailAttachment(
            name: name ?? fallback, contentType: String(decoding: mime, as: UTF8.self), bytes: data))
      }
    }

    /// The body with its Content-Transfer-Encoding undone; 7bit, 8bit, binary and unknown
    /// encodings are taken as they are.
    mutating func transferDecoded(_ fields: [Field], _ body: ArraySlice<UInt8>) -> [UInt8] {
      let encoding = MailParser.lowercased(MailParser.value(fields, "content-transfer-encoding") ?? [])
      if encoding == Array("base64".utf8) {
        let (bytes, invalid) = Base64.decodeMIME(body)
        if invalid > 0 {
          result.problems.append(
            .damaged("bad base64: \(invalid) invalid character\(invalid == 1 ? "" : "s") skipped"))
        }
        return bytes
      }
      if encoding == Array("quoted-printable".utf8) { return MIMEDecoding.quotedPrintable(body) }
      return Array(body)
    }
  }
}
