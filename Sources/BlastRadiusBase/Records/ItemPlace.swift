/// Where an item is: the file on disk, and the chain of members inside it (empty for the file
/// itself), e.g. `["nested/level2.zip", "old/2012_archive.zip", "terminations/term_list.csv"]`.
public struct ItemPlace: Sendable, Equatable {
  public var path: String
  public var within: [String]
  /// The spreadsheet the text is a table of: lines are its rows, tab-separated fields its columns.
  public var sheet: String?
  /// The PDF page the text is from, or the page of an image (a TIFF may hold several).
  public var page: Int?
  /// The text was read by OCR from an image: its findings carry the reason `ocr`.
  public var ocr = false

  public init(path: String, within: [String] = []) {
    self.path = path
    self.within = within
  }

  public func appending(_ member: String) -> ItemPlace {
    ItemPlace(path: path, within: within + [member])
  }

  /// The same place, as the table of a sheet or the text of a page.
  public func with(sheet: String? = nil, page: Int? = nil) -> ItemPlace {
    var copy = self
    copy.sheet = sheet
    copy.page = page
    return copy
  }

  /// The folder the innermost item sits in (`.aws` for `home/.aws/credentials`), if any.
  public var parentName: String? {
    let full = within.last ?? path
    let parts = full.split(separator: "/")
    return parts.count >= 2 ? String(parts[parts.count - 2]) : nil
  }

  /// The innermost name: the member's, or the file's last path component.
  public var name: String {
    let full = within.last ?? path
    return full.split(separator: "/").last.map(String.init) ?? full
  }
}
