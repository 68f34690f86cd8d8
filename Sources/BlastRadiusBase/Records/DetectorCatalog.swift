/// The detectors a report can name, by id: category and one-line summary.
///
/// A scan's log names detectors by id only; whoever knows the detector set (built-ins and rules
/// files) passes this in, so the report stage never depends on the detectors themselves.
package struct DetectorCatalog: Sendable {
  package struct Entry: Sendable, Equatable {
    package var id: String
    package var category: String
    package var summary: String

    package init(id: String, category: String, summary: String) {
      self.id = id
      self.category = category
      self.summary = summary
    }
  }

  private let entries: [String: Entry]

  /// The first entry of an id wins.
  package init(_ list: [Entry]) {
    entries = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  package func category(of id: String) -> String? { entries[id]?.category }
  package func summary(of id: String) -> String? { entries[id]?.summary }
}
