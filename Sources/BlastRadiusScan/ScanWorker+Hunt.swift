import BlastRadiusBase
import BlastRadiusExtract
import BlastRadiusHunt

/// Hunting in the same read as the exposure scan: every file, member and attachment is read
/// through its capture (hashed, and kept for YARA), and checked when it ends; text is searched
/// for network indicators chunk by chunk as the detectors read it.
extension ScanWorker {
  /// Scans one item (see `readItem`) and, when hunting, checks it and sends its evidence.
  func scanItem(
    _ source: inout some ByteSource, place: ItemPlace, depth: Int, budget: inout ExtractionBudget,
    findings: inout Int, extracted: Bool = false
  ) -> Bool {
    guard let hunter, let unit = hunter.push(place, hunted: !extracted) else {
      return readItem(
        &source, place: place, depth: depth, budget: &budget, findings: &findings, extracted: extracted)
    }
    var keepGoing: Bool
    if let capture = unit.capture {
      var tapped = TappedSource(base: source, capture: capture)
      keepGoing = readItem(
        &tapped, place: place, depth: depth, budget: &budget, findings: &findings, extracted: extracted)
      if keepGoing, !capture.sawEnd, !capture.limited {
        // What the scan left unread (a zip's central directory, a binary file on disk) is
        // read on, so that the hashes and YARA see all of the item. A container's reader read
        // through a copy of the source: go on from where the capture stopped.
        tapped.base.resume(at: capture.total)
        keepGoing = readRest(&tapped, place: place, depth: depth, budget: &budget)
      }
      source = tapped.base
    } else {
      keepGoing = readItem(
        &source, place: place, depth: depth, budget: &budget, findings: &findings, extracted: extracted)
    }
    sendHunt(hunter)
    return keepGoing
  }

  /// Reads an item to its end; a member's bytes count against the file's budget.
  func readRest(_ source: inout some ByteSource, place: ItemPlace, depth: Int, budget: inout ExtractionBudget)
    -> Bool
  {
    if depth > 0 { return drain(&source, place: place, already: 0, atEnd: false, budget: &budget) }
    while true {
      do {
        let (_, eof) = try fill(&source, wideBuffer, options.chunkSize)
        if eof { return true }
      } catch {
        report(error.issue)
        return true
      }
    }
  }

  /// Checks bytes held whole (an Office part kept for its document) as an item of their own.
  func huntWhole(_ bytes: [UInt8], place: ItemPlace) {
    guard let hunter, let unit = hunter.push(place, hunted: true) else { return }
    if let capture = unit.capture {
      bytes.withUnsafeBytes { capture.append($0) }
      capture.sawEnd = true
    }
    sendHunt(hunter)
  }

  /// Ends the item under way: its evidence, scored, goes to the sink and the tally.
  func sendHunt(_ hunter: HuntWorker) {
    let (hits, issues) = hunter.pop()
    for issue in issues { report(issue) }
    guard !hits.isEmpty else { return }
    fileTally?.hunted(hits)
    sink.receive(hits)
  }
}
