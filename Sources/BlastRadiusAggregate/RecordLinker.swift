/// Splits one record (a row, or a short paragraph) into the people it names. Each value goes to
/// the nearest name before it, or, when no name precedes it, the nearest one after it; so a row
/// `name, ssn, spouse_name, spouse_ssn` is two people. A record without names is one person per
/// distinct value of its strongest identifier (two SSNs in a nameless row are two people).
package enum RecordLinker {
  /// The people of one record.
  package struct Linked: Sendable, Equatable {
    /// The name, if the record gave one.
    package var name: RecordEntry?
    /// Every value linked to this person, names excluded.
    package var values: [RecordEntry]
    /// A password with a login (an email address) in the same record.
    package var loginWithPassword: Bool
  }

  package static func link(_ entries: [RecordEntry]) -> [Linked] {
    let sorted = entries.sorted { ($0.offset, $0.detector) < ($1.offset, $1.detector) }
    let names = sorted.filter(\.isName)
    let values = sorted.filter { !$0.isName }
    guard !values.isEmpty else { return [] }

    // Anchors: names, or the values of the strongest identifier. Equal fingerprints are one person.
    var anchors: [RecordEntry]
    if !names.isEmpty {
      anchors = names
    } else if let best = values.compactMap({ PersonalData.rank($0.detector) }).min() {
      anchors = values.filter { PersonalData.rank($0.detector) == best }
    } else {
      return []  // a date of birth or a password alone names nobody
    }
    var groupOf: [String: Int] = [:]
    var groups: [Linked] = []
    var anchorGroup: [Int] = []
    for anchor in anchors {
      let group =
        groupOf[anchor.fingerprint]
        ?? {
          groups.append(
            Linked(
              name: anchor.isName ? anchor : nil, values: anchor.isName ? [] : [anchor],
              loginWithPassword: false))
          groupOf[anchor.fingerprint] = groups.count - 1
          return groups.count - 1
        }()
      anchorGroup.append(group)
    }
    let anchorIsValue = names.isEmpty
    for value in values {
      if anchorIsValue, PersonalData.rank(value.detector) == PersonalData.rank(anchors[0].detector) {
        continue
      }
      // nearest anchor at or before the value, else the first after it
      let before = anchors.lastIndex { $0.offset <= value.offset }
      let index = before ?? anchors.firstIndex { $0.offset > value.offset }!
      groups[anchorGroup[index]].values.append(value)
    }
    let recordHasLogin = values.contains { $0.detector == "email_address" }
    for i in groups.indices {
      groups[i].loginWithPassword = recordHasLogin && groups[i].values.contains { $0.detector == "password" }
    }
    return groups.filter { !$0.values.isEmpty }
  }
}
