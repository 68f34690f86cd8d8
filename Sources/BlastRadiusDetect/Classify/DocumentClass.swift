package import BlastRadiusBase

/// A kind of document recognised as a whole (salary sheets, disciplinary letters, privileged
/// memos, patient records) by the terms it uses, not by one value. Each class is a detector in
/// its own right (`hr_compensation`, `confidential_marking`, `phi`…), so `--only`, `--except`,
/// the summary and the exit status treat it like any other.
package struct DocumentClass: Sendable {
  /// Phrases counted in the document, lowercase, matched case-insensitively on word boundaries.
  package var terms: [String]
  /// Phrases that settle the class on their own (`performance improvement plan`).
  package var strong: Set<String> = []
  /// Otherwise, this many different terms and this many occurrences in all.
  package var minDistinct: Int
  package var minTotal: Int
  /// Detector ids or categories of which one must also have been found in the document (a
  /// patient's identifiers for PHI); empty when the terms suffice.
  package var needs: Set<String> = []

  package init(
    terms: [String], strong: Set<String> = [], minDistinct: Int, minTotal: Int, needs: Set<String> = []
  ) {
    self.terms = terms
    self.strong = strong
    self.minDistinct = minDistinct
    self.minTotal = minTotal
    self.needs = needs
  }

  /// The verdict on a document's term counts (`counts[i]` for `terms[i]`): nil, or the
  /// confidence. `found` says whether a needed detector fired.
  package func judge(_ counts: ArraySlice<Int>, found: Bool) -> Confidence? {
    if !needs.isEmpty && !found { return nil }
    var distinct = 0
    var total = 0
    var strongHit = false
    for (i, n) in zip(terms.indices, counts) where n > 0 {
      distinct += 1
      total += n
      if strong.contains(terms[i]) { strongHit = true }
    }
    if strongHit { return distinct >= 2 ? .high : .medium }
    guard distinct >= minDistinct, total >= minTotal else { return nil }
    return distinct > minDistinct ? .high : .medium
  }
}
