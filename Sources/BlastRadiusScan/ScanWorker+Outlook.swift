import BlastRadiusBase
import BlastRadiusExtract

/// Outlook stores (PST, OST): each message is an item at `FOLDER/SUBJECT (DAY)` in `within`,
/// its headers and bodies scanned as its parts, its attachments as items of their own
/// (`attachment: NAME`), and what could not be read becomes error records.
extension ScanWorker {
  func scanOutlook(
    _ opening: OutlookStore.Opening, place: ItemPlace, depth: Int, budget: inout ExtractionBudget,
    findings: inout Int
  ) -> Bool {
    opened(opening.kind.rawValue, place: place)
    let store: OutlookStore
    switch opening.store {
    case .failure(let problem):
      report(ScanIssue(code: problem.code, message: problem.message, path: place.path, within: place.within))
      return true
    case .success(let opened):
      store = opened
    }
    return store.walk { visit in
      switch visit {
      case .problem(let problem):
        report(
          ScanIssue(
            code: problem.code, message: problem.message, path: place.path,
            within: place.within + problem.within))
        return true
      case .message(let message):
        return scanOutlook(
          message, place: place.appending(message.name), depth: depth, budget: &budget, findings: &findings)
      }
    }
  }

  /// A message's parts and attachments; an attached message is read the same way, one level
  /// down.
  func scanOutlook(
    _ message: OutlookMessage, place: ItemPlace, depth: Int, budget: inout ExtractionBudget,
    findings: inout Int
  ) -> Bool {
    for problem in message.problems {
      report(
        ScanIssue(
          code: problem.code, message: problem.message, path: place.path,
          within: place.within + problem.within))
    }
    if !scanTexts(message.texts, place: place, depth: depth, budget: &budget, findings: &findings) {
      return false
    }
    for attachment in message.attachments {
      let attachmentPlace = place.appending("attachment: \(attachment.name)")
      if let problem = attachment.problem {
        report(
          ScanIssue(
            code: problem.code, message: problem.message, path: place.path, within: attachmentPlace.within))
      }
      switch attachment.content {
      case .data(let size) where size > 0:
        var source = attachment.source(at: attachmentPlace)
        if !scanItem(&source, place: attachmentPlace, depth: depth + 1, budget: &budget, findings: &findings)
        {
          return false
        }
      case .message(let attached):
        if !scanOutlook(
          attached, place: attachmentPlace, depth: depth + 1, budget: &budget, findings: &findings)
        {
          return false
        }
      default:
        continue
      }
    }
    return true
  }
}
