package import BlastRadiusBase

/// Counts the document classes' terms in one item as its chunks go by, and judges the item at
/// its end. One per worker; its counts are reset for each item.
package final class DocumentClassifier {
  let detectors: DetectorSet
  /// Occurrences of each term in the current item, flat over all classes.
  var counts: [Int]
  /// Whether each detector has reported something in the current item.
  package var found: [Bool]

  package init?(detectors: DetectorSet) {
    guard !detectors.termOwners.isEmpty else { return nil }
    self.detectors = detectors
    counts = [Int](repeating: 0, count: detectors.termOwners.count)
    found = [Bool](repeating: false, count: detectors.specs.count)
  }

  /// Marks the detectors of a chunk's findings at `minimum` confidence or more as found: one
  /// access to the marks for the chunk (a finding-dense chunk marked each one apart).
  package func markFound(_ raw: [RawFinding], minimum: Confidence) {
    found.withUnsafeMutableBufferPointer { found in
      for r in raw where r.confidence >= minimum { found[r.detector] = true }
    }
  }

  package func reset() {
    for i in counts.indices { counts[i] = 0 }
    for i in found.indices { found[i] = false }
  }

  /// Counts the terms the analyzer saw that start inside the window it was responsible for.
  package func count(_ hits: [(term: Int, end: Int)], _ buffer: UnsafeRawBufferPointer, from: Int, to: Int) {
    for (term, end) in hits {
      let start = end - detectors.termOwners[term].length
      guard start >= from, start < to, ChunkAnalyzer.isWordBoundary(buffer, start: start, end: end) else {
        continue
      }
      counts[term] += 1
    }
  }

  /// The classes the finished item belongs to, with their evidence (term, count), most first.
  package func verdicts() -> [(detector: Int, confidence: Confidence, evidence: [Finding.Evidence])] {
    var out: [(Int, Confidence, [Finding.Evidence])] = []
    for (detector, range) in detectors.classRanges {
      let spec = detectors.specs[detector]
      guard let rule = spec.documentClass else { continue }
      let needed =
        rule.needs.isEmpty
        || detectors.specs.indices.contains {
          found[$0]
            && (rule.needs.contains(detectors.specs[$0].id)
              || rule.needs.contains(detectors.specs[$0].category))
        }
      guard let confidence = rule.judge(counts[range], found: needed) else { continue }
      let evidence = zip(rule.terms, counts[range]).filter { $0.1 > 0 }.map {
        Finding.Evidence(term: $0.0, count: $0.1)
      }
      .sorted { ($0.count, $1.term) > ($1.count, $0.term) }
      out.append((detector, confidence, evidence))
    }
    return out
  }
}
