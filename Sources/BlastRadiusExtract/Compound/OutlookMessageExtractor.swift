import BlastRadiusBase

/// An Outlook message saved as a file (`.msg`): every MAPI property is a stream named
/// `__substg1.0_TTTTYYYY` (tag, then type), recipients and attachments are storages of their
/// own, and an attached message is a storage holding the same layout again.
///
/// The result reads like a mail's: "headers" (subject, sender, recipients), "body" (plain, HTML
/// and RTF bodies, the RTF one decompressed) and each attachment as a file of its own.
enum OutlookMessageExtractor {
  static let stringType = 0x001F
  static let string8Type = 0x001E
  static let binaryType = 0x0102
  static let objectType = 0x000D

  static func extract(_ file: inout CompoundFile) -> CompoundDocument {
    message(&file, storage: 0, depth: 0)
  }

  /// The properties of `storage` by tag: the entry and its type.
  static func properties(_ file: CompoundFile, _ storage: Int) -> [Int: (entry: Int, type: Int)] {
    var found: [Int: (entry: Int, type: Int)] = [:]
    for index in file.children[storage] {
      let name = file.entries[index].name
      guard name.hasPrefix("__substg1.0_"), name.utf8.count == 20,
        let code = Int(name.dropFirst(12), radix: 16)
      else { continue }
      let tag = code >> 16
      // A string property in Unicode wins over its 8-bit twin.
      if let existing = found[tag], existing.type == stringType { continue }
      found[tag] = (index, code & 0xFFFF)
    }
    return found
  }

  static func message(_ file: inout CompoundFile, storage: Int, depth: Int) -> CompoundDocument {
    var document = CompoundDocument(kind: .msg)
    let props = properties(file, storage)
    func string(_ tag: Int, in found: [Int: (entry: Int, type: Int)]) -> String? {
      guard let p = found[tag], p.type == stringType || p.type == string8Type else { return nil }
      do {
        let bytes = try file.stream(p.entry)
        let text = MIMEDecoding.toUTF8(bytes[...], charset: p.type == stringType ? .utf16LE : .usASCII)
        let clean = text.prefix { $0 != 0 }.map { $0 < ASCII.space ? ASCII.space : $0 }
        return clean.isEmpty ? nil : String(decoding: clean, as: UTF8.self)
      } catch {
        document.problem(error.code, "msg: \(error.message)")
        return nil
      }
    }
    func binary(_ tag: Int, in found: [Int: (entry: Int, type: Int)]) -> [UInt8]? {
      guard let p = found[tag] else { return nil }
      guard p.type == binaryType || p.type == stringType || p.type == string8Type else { return nil }
      do {
        let bytes = try file.stream(p.entry)
        return p.type == stringType ? MIMEDecoding.toUTF8(bytes[...], charset: .utf16LE) : bytes
      } catch {
        document.problem(error.code, "msg: \(error.message)")
        return nil
      }
    }
    // Headers, then bodies (the RTF one decompressed), as a person reads them.
    let storages = file.children[storage].filter { file.entries[$0].type == .storage }
    var recipients: [String] = []
    for index in storages where file.entries[index].name.hasPrefix("__recip_version1.0_") {
      let recipient = properties(file, index)
      if let who = MAPIMessageText.person(
        string(0x3001, in: recipient), string(0x39FE, in: recipient) ?? string(0x3003, in: recipient))
      {
        recipients.append(who)
      }
    }
    if let headers = MAPIMessageText.headers({ string($0, in: props) }, recipients: recipients) {
      document.texts.append(headers)
    }
    let bodies = MAPIMessageText.bodies(
      plain: binary(0x1000, in: props), html: binary(0x1013, in: props),
      compressedRTF: binary(0x1009, in: props))
    document.texts += bodies.texts
    if !bodies.rtfRead { document.problem(.corrupt, "msg: the compressed RTF body has an unknown header") }

    // Attachments: files, or messages stored as storages.
    for (n, index) in storages.enumerated() where file.entries[index].name.hasPrefix("__attach_version1.0_") {
      let attachment = properties(file, index)
      let name =
        string(0x3707, in: attachment) ?? string(0x3704, in: attachment) ?? string(0x3001, in: attachment)
        ?? "attachment \(n + 1)"
      if let object = attachment[0x3701], object.type == objectType,
        file.entries[object.entry].type == .storage
      {
        guard depth < file.budget.limits.maxDepth else {
          document.problem(
            .limitExceeded, "msg: messages attached deeper than \(file.budget.limits.maxDepth) (--max-depth)")
          continue
        }
        let nested = message(&file, storage: object.entry, depth: depth + 1)
        document.attachments.append(.init(name: name, content: .message(nested)))
      } else if let data = binary(0x3701, in: attachment) {
        document.attachments.append(.init(name: name, content: .bytes(data)))
      }
    }
    return document
  }
}
