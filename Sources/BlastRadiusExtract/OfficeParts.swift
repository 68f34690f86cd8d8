/// The XML parts of an Office Open XML or OpenDocument zip, kept until the zip is read through.
package struct OfficeParts {
  package private(set) var parts: [String: [UInt8]] = [:]
  package private(set) var names: [String] = []
  /// Bytes held, all parts together.
  package private(set) var bytes = 0

  package init() {}

  package var isEmpty: Bool { parts.isEmpty }

  package mutating func add(_ name: String, _ bytes: [UInt8]) {
    parts[name] = bytes
    names.append(name)
    self.bytes += bytes.count
  }

  /// Whether a zip member is one of the parts documents are made of.
  package static func isPart(_ name: String) -> Bool {
    if name == "[Content_Types].xml" || name == "mimetype" || name == "content.xml" || name == "styles.xml" {
      return true
    }
    guard name.hasSuffix(".xml") || name.hasSuffix(".rels") else { return false }
    return name.hasPrefix("word/") || name.hasPrefix("xl/") || name.hasPrefix("ppt/")
  }
}
