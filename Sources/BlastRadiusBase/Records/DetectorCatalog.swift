/// The detectors a report can name, by id: category and one-line summary.
///
/// A scan's log names detectors by id only; whoever knows the detector set (built-ins and rules
/// files) passes this in, so the report stage never depends on the detectors themselves.
public struct DetectorCatalog: Sendable {
  private let entries: [String: (category: String, summary: String)]

  /// The first entry of an id wins.
  public init(_ list: [(id: String, category: String, summary: String)]) {
    entries = Dictionary(
      list.map { ($0.id, ($0.category, $0.summary)) },
      uniquingKeysWith: { first, _ in first })
  }

  public func category(of id: String) -> String? { entries[id]?.category }
  public func summary(of id: String) -> String? { entries[id]?.summary }
}
