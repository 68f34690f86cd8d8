#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// One scanning thread's state: its Vectorscan scratch (inside the analyzer), its read buffers
/// and its fingerprint cache. Reads each file once, in chunks with an overlap, so memory stays
/// bounded whatever the file size and a value that straddles two chunks is found once.
package final class ScanWorker {
  let options: ScanOptions
  let detectors: DetectorSet
  let analyzer: ChunkAnalyzer
  let fingerprinter: Fingerprinter
  let tally: ScanTally
  let sink: any ScanSink

  /// Bytes kept before the responsible window: label reach, line starts of delimited rows.
  static let lookBehind = 4096
  /// Bytes at the end of a chunk left to the next one, so that no value is cut: longer than
  /// any token a detector accepts and any row the column reader needs.
  static let guardBand = 4096

  /// The scan buffer: kept context, then the new chunk, then one sentinel byte.
  let buffer: UnsafeMutableRawPointer
  let capacity: Int
  /// Raw UTF-16 bytes before narrowing.
  let wideBuffer: UnsafeMutableRawPointer

  package init(options: ScanOptions, detectors: DetectorSet, tally: ScanTally, sink: any ScanSink) throws(VectorscanError) {
    self.options = options
    self.detectors = detectors
    self.analyzer = try ChunkAnalyzer(detectors: detectors)
    self.fingerprinter = Fingerprinter(key: options.key)
    self.tally = tally
    self.sink = sink
    capacity = Self.lookBehind + Self.guardBand + options.chunkSize + 16
    buffer = .allocate(byteCount: capacity, alignment: 64)
    wideBuffer = .allocate(byteCount: options.chunkSize * 2, alignment: 64)
  }

  deinit {
    buffer.deallocate()
    wideBuffer.deallocate()
  }

  func report(_ issue: ScanIssue) {
    tally.issue(issue)
    sink.receive(issue)
  }

  /// Scans one regular file. Problems become error records; findings already sent stay sent.
  package func scanFile(_ path: String) {
    let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (options.followSymlinks ? 0 : O_NOFOLLOW)
    let fd = open(path, flags)
    guard fd >= 0 else {
      if errno == ELOOP {
        tally.skipped("symlink")  // replaced by a link since it was listed
      } else {
        report(.fromErrno(errno, path: path, doing: "cannot open file"))
      }
      return
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      report(.fromErrno(errno, path: path, doing: "cannot stat file"))
      return
    }
    guard st.st_mode & S_IFMT == S_IFREG else {
      tally.skipped("special")
      return
    }
    scanOpenFile(fd, path: path)
  }

  /// The read loop: sniff, then chunk by chunk analyse, place and emit.
  func scanOpenFile(_ fd: Int32, path: String) {
    let chunk = options.chunkSize
    // First bytes decide the encoding; they are read into the wide buffer, which UTF-16 needs
    // anyway, then copied for 8-bit text.
    var first = pread(fd, wideBuffer, chunk, 0)
    while first < 0 && errno == EINTR { first = pread(fd, wideBuffer, chunk, 0) }
    guard first >= 0 else {
      report(.fromErrno(errno, path: path, doing: "cannot read file"))
      return
    }
    let head = UnsafeRawBufferPointer(start: wideBuffer, count: first)
    let (encoding, sniffedBOM) = EncodingSniffer.sniff(head)
    if encoding == .binary {
      guard options.scanBinary else {
        tally.skipped("binary")
        return
      }
    }
    var narrower: UTF16Narrower? = encoding.isUTF16 ? UTF16Narrower(bigEndian: encoding == .utf16BE) : nil
    // 8-bit text is scanned as is, BOM included; UTF-16 offsets count two bytes per unit.
    let bom = narrower == nil ? 0 : sniffedBOM
    let unitWidth = narrower == nil ? 1 : 2

    var fileOffset = 0  // next byte of the file to read
    var pendingFirst = first  // bytes of the first read not yet moved into the scan buffer
    var oddByte = false
    // buffer[0] is at absolute (decoded) offset `bufferStart`; the first buffer starts with a
    // newline sentinel at -1 so that the file start looks like a line start.
    buffer.storeBytes(of: ASCII.newline, as: UInt8.self)
    var bufferStart = -1
    var used = 1
    var responsibleEnd = 0  // absolute: values starting before this are reported
    var lines = LineCursor()
    var header: DelimitedHeader?
    var fileFindings = 0
    var readBytes = 0
    var eof = false

    while !eof {
      // Read the next chunk into the scan buffer (narrowing UTF-16).
      var n: Int
      if pendingFirst >= 0 {
        n = pendingFirst
        pendingFirst = -1
      } else {
        let target = narrower == nil ? buffer + used : wideBuffer
        repeat { n = pread(fd, target, chunk, off_t(fileOffset)) } while n < 0 && errno == EINTR
        if n < 0 {
          report(.fromErrno(errno, path: path, doing: "read failed at byte \(fileOffset)"))
          break
        }
      }
      eof = n < chunk
      fileOffset += n
      readBytes += n
      tally.bytesRead(n)
      if var w = narrower {
        var raw = UnsafeRawBufferPointer(start: wideBuffer, count: n)
        if fileOffset == n { raw = UnsafeRawBufferPointer(rebasing: raw[min(bom, n)...]) }
        if raw.count % 2 == 1 {
          // An odd byte can only be the file's last; otherwise a read split a code unit.
          if eof { oddByte = true } else { fileOffset -= 1; readBytes -= 1 }
          raw = UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 1)])
        }
        used += w.narrow(raw, into: buffer + used)
        narrower = w
      } else {
        if bufferStart == -1 && used == 1 && n > 0 { (buffer + 1).copyMemory(from: wideBuffer, byteCount: n) }
        used += n
      }

      if header == nil && bufferStart == -1 {
        header = DelimitedHeader.detect(UnsafeRawBufferPointer(start: buffer + 1, count: used - 1))
      }
      buffer.storeBytes(of: ASCII.newline, toByteOffset: used, as: UInt8.self)  // sentinel
      let dataEnd = used
      let windowEnd = eof ? dataEnd : max(responsibleEnd - bufferStart, dataEnd - Self.guardBand)
      let window = ChunkAnalyzer.Window(
        from: responsibleEnd - bufferStart, to: windowEnd, header: header,
        headerLineStart: bufferStart <= 0 ? -bufferStart : nil)
      let view = UnsafeRawBufferPointer(start: buffer, count: eof ? dataEnd + 1 : dataEnd)
      do {
        let raw = try analyzer.analyze(view, window)
        fileFindings += emit(
          raw, view: view, bufferStart: bufferStart, bom: bom, unitWidth: unitWidth, lines: &lines,
          path: path)
      } catch {
        report(ScanIssue(code: .ioError, message: error.description, path: path))
        break
      }
      responsibleEnd = bufferStart + windowEnd
      lines.advance(to: responsibleEnd, in: view, bufferStart: bufferStart)
      if eof { break }
      // Keep the look-behind and the guard band for the next chunk.
      let keepFrom = max(0, windowEnd - Self.lookBehind)
      (buffer).copyMemory(from: buffer + keepFrom, byteCount: used - keepFrom)
      used -= keepFrom
      bufferStart += keepFrom
    }

    if var w = narrower {
      w.finish()
      if let bad = w.firstInvalidUnit {
        report(ScanIssue(code: .badEncoding, message: "malformed \(encoding.rawValue) (unpaired surrogate) at byte \(bom + 2 * bad)", path: path))
      }
    }
    if oddByte {
      report(ScanIssue(code: .badEncoding, message: "\(encoding.rawValue) file has an odd number of bytes; the last byte was ignored", path: path))
    }
    tally.fileDone(path: path, bytes: readBytes, encoding: encoding, findings: fileFindings)
  }

  /// Places raw findings in the file, filters by confidence, fingerprints and sends them.
  func emit(
    _ raw: [RawFinding], view: UnsafeRawBufferPointer, bufferStart: Int, bom: Int, unitWidth: Int,
    lines: inout LineCursor, path: String
  ) -> Int {
    guard !raw.isEmpty else { return 0 }
    var batch: [Finding] = []
    var counted: [(detector: Int, fingerprint: Fingerprint)] = []
    for r in raw where r.confidence >= options.minConfidence {
      let spec = detectors.specs[r.detector]
      let absolute = bufferStart + r.start
      lines.advance(to: absolute, in: view, bufferStart: bufferStart)
      let valueBytes = Array(view[r.start..<(r.start + r.length)])
      let fp = fingerprinter.fingerprint(r.canonical)
      batch.append(
        Finding(
          path: path, within: [], detector: spec.id, category: spec.category,
          confidence: r.confidence, reasons: r.reasons, line: lines.line,
          column: max(1, lines.column(of: absolute)),
          offset: bom + absolute * unitWidth,
          masked: spec.mask(valueBytes), fingerprint: fp,
          value: options.reveal ? String(decoding: valueBytes, as: UTF8.self) : nil))
      counted.append((r.detector, fp))
    }
    guard !batch.isEmpty else { return 0 }
    tally.record(counted)
    sink.receive(batch)
    return batch.count
  }
}
