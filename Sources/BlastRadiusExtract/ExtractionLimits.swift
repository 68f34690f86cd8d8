/// Bounds on what one file on disk may expand to, checked while decompressing, before memory or
/// time is spent: archive bombs (42.zip) and hostile nesting stop with an error record.
public struct ExtractionLimits: Sendable, Equatable {
  /// Containers inside containers, the file on disk being depth 0.
  public var maxDepth = 8
  /// Bytes one member may expand to.
  public var maxMemberBytes = 1 << 30
  /// Bytes all members of one file on disk may expand to, at every depth together.
  public var maxTotalBytes = 4 << 30
  /// Members (at every depth) of one file on disk.
  public var maxMembers = 100_000
  /// Expanded bytes per byte of the file on disk, checked once `ratioFloor` bytes are expanded.
  public var maxRatio = 250
  package var ratioFloor = 16 << 20
  /// Bytes of a document (PDF, mail, HTML, the XML parts of one Office file) read whole to be
  /// parsed; a worker holds at most about this much, plus the text extracted from it.
  public var maxDocumentBytes = 64 << 20
  /// Pixels (width × height) of one image page, or of a PDF page rendered at 300 dpi, that OCR
  /// may decode: checked from the header, before any memory is spent. 40 million holds a letter
  /// page at 600 dpi or A3 at 400; a worker then holds about this many bytes, several times.
  public var maxImagePixels = 40_000_000
  /// Seconds tesseract may spend on one page; past it the page is an error record.
  public var ocrSecondsPerPage = 60

  public init() {}
}
