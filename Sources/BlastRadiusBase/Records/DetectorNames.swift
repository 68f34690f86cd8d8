/// The ids and categories of a scan's detectors, by index: what a `CompactFinding`'s detector
/// index means. One table per scan, shared by every batch.
public final class DetectorNames: Sendable {
  public let ids: [String]
  public let categories: [String]

  public init(ids: [String], categories: [String]) {
    precondition(ids.count == categories.count)
    self.ids = ids
    self.categories = categories
  }

  public var count: Int { ids.count }
}
