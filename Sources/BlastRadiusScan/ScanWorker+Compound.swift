import BlastRadiusBase
import BlastRadiusExtract

/// OLE2 compound files: legacy Word, Excel and PowerPoint files and Outlook messages. Their text
/// parts are scanned like those of Office Open XML files (sheets as tables), a message's
/// attachments as items of their own, and what could not be read becomes error records.
extension ScanWorker {
  func scanCompound(
    _ bytes: [UInt8], place: ItemPlace, depth: Int, budget: inout ExtractionBudget, findings: inout Int
  ) -> Bool {
    let document = CompoundDocument.read(bytes, budget: budget)
    opened(document.kind?.rawValue ?? "ole2", place: place)
    return scanCompound(document, place: place, depth: depth, budget: &budget, findings: &findings)
  }

  /// The parts, problems and attachments of a read compound file; an attached message is read
  /// the same way, one level down (`attachment: NAME` in `within`).
  func scanCompound(
    _ document: CompoundDocument, place: ItemPlace, depth: Int, budget: inout ExtractionBudget,
    findings: inout Int
  ) -> Bool {
    for problem in document.problems {
      report(ScanIssue(code: problem.code, message: problem.message, path: place.path, within: place.within))
    }
    if !scanTexts(document.texts, place: place, depth: depth, budget: &budget, findings: &findings) {
      return false
    }
    for attachment in document.attachments {
      let attachmentPlace = place.appending("attachment: \(attachment.name)")
      switch attachment.content {
      case .bytes(let bytes):
        var source = MemorySource(bytes)
        if !scanItem(&source, place: attachmentPlace, depth: depth + 1, budget: &budget, findings: &findings)
        {
          return false
        }
      case .message(let message):
        if !scanCompound(
          message, place: attachmentPlace, depth: depth + 1, budget: &budget, findings: &findings)
        {
          return false
        }
      }
    }
    return true
  }
}
