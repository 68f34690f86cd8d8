import BlastRadiusBase
import CLeptonica
import CTesseract
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One tesseract instance with the English data loaded. Loading takes a good part of a second
/// and tens of megabytes, so each worker thread makes one, on its first image, and reuses it
/// for every page after.
///
/// Not `Sendable`: a tesseract handle must never be used by two threads at once, so it stays
/// with the worker that made it.
package final class OCREngine {
  let handle: OpaquePointer
  /// Carries each page's deadline into tesseract, which checks it between words.
  let monitor: OpaquePointer

  /// What reading one page gave.
  package enum Outcome: Equatable {
    /// The text, UTF-8, lines separated by "\n", exactly as tesseract read it: nothing is
    /// "corrected" (a misread O is no 0), so a misread value never becomes a valid one.
    case text([UInt8])
    /// Tesseract did not finish within the time limit: the page's text is not used.
    case timedOut
    case failed(String)
  }

  /// Loads tesseract with `language`'s data from its default folder (Debian: the
  /// `tesseract-ocr-eng` package); throws a message when the data cannot be loaded.
  package init(language: String = "eng") throws(OCRUnavailable) {
    // Engines are made one at a time: the first sets tesseract's process-wide debug output,
    // which no other thread may touch meanwhile.
    let made: Result<(OpaquePointer, OpaquePointer), OCRUnavailable> = Self.creation.withLock { configured in
      guard let handle = TessBaseAPICreate() else {
        return .failure(OCRUnavailable("tesseract: out of memory"))
      }
      if !configured {
        // Tesseract writes its notes ("Estimating resolution", "Empty page!!") to stderr
        // unless told otherwise; a scan's stderr is for its own progress and warnings.
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        Self.singleThreaded()
        configured = true
      }
      guard TessBaseAPIInit3(handle, nil, language) == 0 else {
        TessBaseAPIDelete(handle)
        return .failure(
          OCRUnavailable(
            "tesseract cannot load the '\(language)' data (install tesseract-ocr-\(language) or set TESSDATA_PREFIX)"
          ))
      }
      guard let monitor = TessMonitorCreate() else {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
        return .failure(OCRUnavailable("tesseract: out of memory"))
      }
      return .success((handle, monitor))
    }
    switch made {
    case .success(let (handle, monitor)):
      self.handle = handle
      self.monitor = monitor
    case .failure(let error):
      throw error
    }
  }

  /// Runs tesseract's OpenMP loops on the calling thread. A tesseract built with OpenMP (Debian's
  /// is) starts threads of its own in every page, which spin while they wait: with one worker
  /// per core already busy, that measured twice the time per page (bench-ocr). The setting is
  /// process-wide and only tesseract uses OpenMP here; looked up at run time, so a tesseract
  /// built without OpenMP needs nothing.
  static func singleThreaded() {
    typealias SetLevels = @convention(c) (Int32) -> Void
    #if canImport(Darwin)
      let everywhere = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT
    #else
      let everywhere = UnsafeMutableRawPointer(bitPattern: 0)  // RTLD_DEFAULT
    #endif
    guard let symbol = dlsym(everywhere, "omp_set_max_active_levels") else { return }
    unsafeBitCast(symbol, to: SetLevels.self)(0)
  }

  /// Whether the first engine has set tesseract's global output; engines are made under it.
  static let creation = Mutex(false)

  deinit {
    TessMonitorDelete(monitor)
    TessBaseAPIEnd(handle)
    TessBaseAPIDelete(handle)
  }

  /// Reads the text of `image`, giving up after `seconds`.
  package func read(_ image: OCRImage, seconds: Int) -> Outcome {
    defer { TessBaseAPIClear(handle) }
    TessBaseAPISetImage2(handle, image.pix)
    if let ppi = image.resolution { TessBaseAPISetSourceResolution(handle, Int32(ppi)) }
    let started = MonotonicClock.now()
    TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: seconds * 1000))
    guard TessBaseAPIRecognize(handle, monitor) == 0 else {
      // Tesseract fails a page when the deadline stopped it, or when it could not analyse
      // the page at all.
      return MonotonicClock.now() - started >= Double(seconds)
        ? .timedOut : .failed("tesseract could not read the page")
    }
    guard let text = TessBaseAPIGetUTF8Text(handle) else { return .text([]) }
    defer { TessDeleteText(text) }
    let length = strlen(text)
    return .text(
      text.withMemoryRebound(to: UInt8.self, capacity: length) {
        Array(UnsafeBufferPointer(start: $0, count: length))
      })
  }
}

/// Why OCR cannot run at all (no language data): reported once per item that needed it.
package struct OCRUnavailable: Error, Sendable {
  package let message: String
  init(_ message: String) { self.message = message }
}
