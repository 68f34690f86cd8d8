import BlastRadiusBase

/// Coverage per format: every container, document and image is counted as read, skipped or
/// failed, so that a summary can say "2 of 40 PSTs could not be read" instead of hiding them in
/// the error total.
extension ScanWorker {
  /// An item of a known format being read; `failed` once an error record names its place.
  struct FormatFrame {
    let path: String
    let within: [String]
    /// The format as sniffed, made precise when the item is opened (`zip` becomes `docx`, `ole2`
    /// becomes `xls`, `mail` becomes `eml`).
    var format: String
    var failed = false
    /// Not read on purpose (an image without `--ocr`).
    var skipped = false
  }

  /// Reads an item of `format` at `place` through `body`, then counts it: failed when an error
  /// record named the item itself (not one of its members) while it was read.
  func counting<T>(_ format: String, place: ItemPlace, _ body: () -> T) -> T {
    formatFrames.append(FormatFrame(path: place.path, within: place.within, format: format))
    let result = body()
    let frame = formatFrames.removeLast()
    fileTally?.format(frame.format, frame.failed ? .failed : frame.skipped ? .skipped : .read)
    return result
  }

  /// The item being read is left unread on purpose.
  func skippedFormat() {
    if let i = formatFrames.indices.last { formatFrames[i].skipped = true }
  }

  /// The item at `place` was opened as a document of type `kind`: counted in `documents`, and
  /// its format named precisely.
  func opened(_ kind: String, place: ItemPlace) {
    fileTally?.document(kind)
    if let i = formatFrames.indices.last, formatFrames[i].path == place.path,
      formatFrames[i].within == place.within
    {
      formatFrames[i].format = kind
    }
  }
}
