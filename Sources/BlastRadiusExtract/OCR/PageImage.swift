/// One page on its way to OCR, decoded from an image or rendered from a PDF, or why not.
package enum PageImage {
  case image(OCRImage)
  /// Larger than the pixel limit: not decoded or rendered.
  case tooLarge(width: Int, height: Int)
  case damaged(String)
  /// The page after the last one allowed: it and any after it were not read.
  case pageLimit
}
