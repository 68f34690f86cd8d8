/// The detectors a report can name, by id: category and one-line summary.
///
/// A scan's log names detectors by id only; whoever knows the detector set (built-ins and rules
/// files) passes this in, so the report stage never depends on the detectors themselves.
public struct DetectorCatalog: Sendable {
  /// One detector: its id, category and one-line summary.
  public struct Entry: Sendable, Equatable {
    public var id: String
    public var category: String
    public var summary: String

    public init(id: String, category: String, summary: String) {
      self.id = id
      self.category = category
      self.summary = summary
    }
  }

  private let entries: [String: Entry]

  /// The first entry of an id wins.
  public init(_ list: [Entry]) {
    entries = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  public func category(of id: String) -> String? { entries[id]?.category }
  public func summary(of id: String) -> String? { entries[id]?.summary }
}
