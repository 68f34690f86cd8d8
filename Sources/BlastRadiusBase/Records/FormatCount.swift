/// What became of the items of one format (a container, document or image type): read, skipped
/// on purpose (an image without `--ocr`), or failed (an error record names the item: damaged,
/// encrypted, over a limit, no text). The summary keeps one per format so that a scan that
/// could not read its mailboxes or scans says so per format, not only as a count of errors.
public struct FormatCount: Sendable, Equatable {
  public var read = 0
  public var skipped = 0
  public var failed = 0

  public init(read: Int = 0, skipped: Int = 0, failed: Int = 0) {
    self.read = read
    self.skipped = skipped
    self.failed = failed
  }

  /// Items of the format whose content was not read, in whole or in part.
  public var unread: Int { skipped + failed }

  public static func + (a: FormatCount, b: FormatCount) -> FormatCount {
    FormatCount(read: a.read + b.read, skipped: a.skipped + b.skipped, failed: a.failed + b.failed)
  }

  /// The outcome of one item.
  public enum Outcome: Sendable { case read, skipped, failed }

  public mutating func count(_ outcome: Outcome) {
    switch outcome {
    case .read: read += 1
    case .skipped: skipped += 1
    case .failed: failed += 1
    }
  }

  /// Formats whose text is read only with `--ocr`: the headline says so when they were skipped.
  public static let images: Set<String> = ["png", "jpeg", "tiff", "bmp"]
}

extension JSONBuilder {
  /// `{format: {read, skipped, failed}}`, formats in order.
  package mutating func formats(_ formats: [String: FormatCount]) {
    object(formats.sorted { $0.key < $1.key }) { json, c in
      json.raw("{\"read\":"); json.int(c.read)
      json.raw(",\"skipped\":"); json.int(c.skipped)
      json.raw(",\"failed\":"); json.int(c.failed)
      json.raw("}")
    }
  }
}

extension JSONValue {
  /// What `JSONBuilder.formats` wrote; entries of another shape are left out.
  package var formats: [String: FormatCount] {
    (object ?? [:]).compactMapValues { v in
      guard let read = v["read"]?.int, let skipped = v["skipped"]?.int, let failed = v["failed"]?.int
      else { return nil }
      return FormatCount(read: read, skipped: skipped, failed: failed)
    }
  }
}
