/// How sure a finding is. Ordered, so `--min-confidence` is a comparison.
public enum Confidence: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
  case low = 0, medium, high

  public static func < (a: Confidence, b: Confidence) -> Bool { a.rawValue < b.rawValue }

  public var description: String {
    switch self {
    case .low: "low"
    case .medium: "medium"
    case .high: "high"
    }
  }

  public init?(name: String) {
    guard let c = Confidence.allCases.first(where: { $0.description == name }) else { return nil }
    self = c
  }
}
