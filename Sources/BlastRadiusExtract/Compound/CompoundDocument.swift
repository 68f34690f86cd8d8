package import BlastRadiusBase

/// What a legacy Office or Outlook file holds for the detectors: text parts (laid out like those
/// of the Office Open XML files, so sheets keep rows and columns), files it carries, and what was
/// wrong with it.
package struct CompoundDocument: Sendable {
  /// What the compound file is, decided by the streams it holds, never by its name.
  package enum Kind: String, Sendable {
    case doc, xls, ppt, msg
  }

  /// A file a message carries: its bytes, or an Outlook message attached as a storage.
  package struct Attachment: Sendable {
    package indirect enum Content: Sendable {
      case bytes([UInt8])
      case message(CompoundDocument)
    }
    package var name: String
    package var content: Content
  }

  /// A problem met; reading goes on past it where it can.
  package struct Problem: Sendable, Equatable {
    package var code: ScanIssue.Code
    package var message: String
  }

  package var kind: Kind?
  package var texts: [DocumentText] = []
  package var attachments: [Attachment] = []
  package var problems: [Problem] = []

  init(kind: Kind?) { self.kind = kind }

  mutating func problem(_ code: ScanIssue.Code, _ message: String) {
    problems.append(Problem(code: code, message: message))
  }

  /// Reads a compound file whole (it is already in memory: the caller bounds its size), within
  /// the limits left in `budget`.
  package static func read(_ bytes: [UInt8], budget: ExtractionBudget) -> CompoundDocument {
    var file: CompoundFile
    do {
      file = try CompoundFile(bytes, budget: budget)
    } catch {
      var document = CompoundDocument(kind: nil)
      document.problem(error.code, "ole2: \(error.message)")
      return document
    }
    func has(_ name: String) -> Bool { file.child(name) != nil }
    if has("WordDocument") { return WordBinaryExtractor.extract(&file) }
    if has("Workbook") { return ExcelBinaryExtractor.extract(&file) }
    if has("PowerPoint Document") { return PowerPointBinaryExtractor.extract(&file) }
    if has("__properties_version1.0")
      || file.children[0].contains(where: { file.entries[$0].name.hasPrefix("__substg1.0_") })
    {
      return OutlookMessageExtractor.extract(&file)
    }
    var document = CompoundDocument(kind: nil)
    if has("EncryptedPackage") {
      document.problem(.encrypted, "password-protected Office file (EncryptedPackage) was not read")
    } else if has("Book") {
      document.kind = .xls
      document.problem(.unsupported, "Excel 5.0/95 workbook (BIFF5) was not read")
    } else {
      document.problem(.unsupported, "OLE2 compound file holds no Word, Excel, PowerPoint or Outlook stream")
    }
    return document
  }
}
