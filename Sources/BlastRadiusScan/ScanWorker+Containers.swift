import BlastRadiusBase
import BlastRadiusExtract

/// Containers: a zip, tar or compressed stream is opened with libarchive and each member goes
/// back through `scanItem`, at one more level of depth and against the file's budget.
extension ScanWorker {
  /// Reads a member to its end against the budget. Returns false when a limit stops the file.
  func drain(
    _ source: inout some ByteSource, place: ItemPlace, already: Int, atEnd: Bool,
    budget: inout ExtractionBudget
  ) -> Bool {
    var total = already
    var eof = atEnd
    var n = already
    while true {
      if let limit = budget.expand(n, memberBytes: total) {
        report(
          ScanIssue(code: .limitExceeded, message: limit.message, path: place.path, within: place.within))
        return !limit.wholeFile
      }
      if eof { return true }
      do {
        (n, eof) = try fill(&source, wideBuffer, options.chunkSize)
      } catch {
        report(error.issue)
        return true
      }
      total += n
    }
  }

  /// Opens a container and scans its members one by one, each as an item of its own. With
  /// `rawOnly`, a compressed stream is read as one compressed file, whatever it holds.
  func scanContainer(
    _ kind: ContainerKind, prefix: [UInt8], source: inout some ByteSource, place: ItemPlace, depth: Int,
    budget: inout ExtractionBudget, findings: inout Int, rawOnly: Bool = false
  ) -> Bool {
    let reader = ArchiveReader(kind: kind, prefix: prefix, source: source, rawOnly: rawOnly)
    func fail(_ message: String, underlying: ScanIssueError? = nil) {
      if let underlying {
        report(underlying.issue)
      } else {
        let code: ScanIssue.Code =
          message.lowercased().contains("encrypt")
          ? .encrypted
          : message.hasPrefix("Unrecognized") ? .unsupported : .corrupt
        report(
          ScanIssue(
            code: code, message: "\(kind.rawValue): \(message)", path: place.path, within: place.within))
      }
    }
    if let message = reader.open() {
      fail(message)
      return true
    }
    if !rawOnly { fileTally?.container(kind) }
    // Office documents are zips of XML parts that only make sense together: those parts are
    // kept (within the limits) and extracted once the zip is read; every other member is
    // scanned as it comes.
    var parts = OfficeParts()
    var keepGoing = true
    var entries = 0
    var failed = false
    reading: while true {
      let entry: ArchiveReader.Entry?
      do {
        entry = try reader.next()
      } catch {
        fail(error.message, underlying: error.source)
        failed = true
        break reading
      }
      guard let entry else { break reading }
      entries += 1
      if let limit = budget.addMember() {
        report(ScanIssue(code: .limitExceeded, message: limit, path: place.path, within: place.within))
        keepGoing = false
        break reading
      }
      guard entry.isRegularFile else { continue }
      let name = reader.isRaw ? Self.decompressedName(place.name) : entry.name
      let memberPlace = place.appending(name)
      if entry.isEncrypted {
        report(
          ScanIssue(
            code: .encrypted, message: "encrypted \(kind.rawValue) member was not read", path: place.path,
            within: memberPlace.within))
        continue
      }
      fileTally?.member()
      var member = MemberSource(reader: reader, path: place.path, within: memberPlace.within)
      // Parts are held only while they fit the document limit together; past it they are
      // scanned as plain XML members, so memory stays bounded whatever the zip holds.
      // Hunting without text, parts are only files to check: they are scanned as they come.
      if kind == .zip, OfficeParts.isPart(name), parts.bytes < options.limits.maxDocumentBytes,
        hunter?.wantsText ?? true
      {
        switch readWhole(&member, place: memberPlace, budget: &budget) {
        case .complete(let bytes):
          parts.add(name, bytes)
          huntWhole(bytes, place: memberPlace)
          continue
        case .stopped:
          keepGoing = false
          break reading
        case .tooLarge(let partial):
          // A part too large to parse (a huge sheet) is still read, as plain text.
          var rest = PrefixedSource(prefix: partial, source: member)
          report(
            ScanIssue(
              code: .limitExceeded,
              message:
                "part larger than \(options.limits.maxDocumentBytes) bytes scanned as plain XML (--max-document-bytes)",
              path: place.path, within: memberPlace.within))
          if !scanItem(
            &rest, place: memberPlace, depth: depth + 1, budget: &budget, findings: &findings, extracted: true
          ) {
            keepGoing = false
            break reading
          }
          continue
        }
      }
      if !scanItem(&member, place: memberPlace, depth: depth + 1, budget: &budget, findings: &findings) {
        keepGoing = false
        break reading
      }
    }
    if !parts.isEmpty, keepGoing {
      keepGoing = scanOffice(parts, place: place, depth: depth, budget: &budget, findings: &findings)
    }
    // Decompressed text that starts with zero bytes or `!<arch>` passes for an empty tar or ar
    // archive: it is read again as the one compressed file it is.
    if entries == 0, !failed, reader.isCompressed, !reader.isRaw {
      guard var replay = reader.replay() else {
        report(
          ScanIssue(
            code: .unsupported,
            message:
              "\(kind.rawValue): the data looks like an empty archive and could not be read again as text",
            path: place.path, within: place.within))
        return keepGoing
      }
      return scanContainer(
        kind, prefix: replay.prefix, source: &replay.source, place: place, depth: depth, budget: &budget,
        findings: &findings, rawOnly: true)
    }
    // A zip on disk is read from its end, so of zips written one after another only the last is
    // listed: the bytes before it are read as the zip (or zips) they hold.
    if keepGoing, !failed, kind == .zip, !rawOnly, let file = source as? any SeekableByteSource {
      keepGoing = scanEarlierZips(file, place: place, depth: depth, budget: &budget, findings: &findings)
    }
    // Bytes appended after a tar's (cpio's, ar's) end-of-archive marker are read too.
    if keepGoing, !failed, var trailer = reader.trailer() {
      keepGoing = scanTrailer(
        trailer.prefix, &trailer.source, place: place.appending("after the end of the archive"), depth: depth,
        budget: &budget, findings: &findings)
    }
    return keepGoing
  }

  /// The zip (or zips) written before the last one in `file`, if any.
  func scanEarlierZips(
    _ file: some SeekableByteSource, place: ItemPlace, depth: Int, budget: inout ExtractionBudget,
    findings: inout Int
  ) -> Bool {
    guard let start = ZipLayout.lastArchiveStart(file), start > 0 else { return true }
    var before = SourcePrefix(file, count: start)
    var head = [UInt8](repeating: 0, count: min(4, start))
    let n =
      (try? head.withUnsafeMutableBytes { b throws(ScanIssueError) in
        try before.read(into: b.baseAddress!, count: b.count)
      }) ?? 0
    before.seek(to: 0)
    // A self-extracting stub before the zip is a program, not an archive.
    guard n == 4, head == [0x50, 0x4B, 0x03, 0x04] else { return true }
    return scanContainer(
      .zip, prefix: [], source: &before, place: place, depth: depth, budget: &budget, findings: &findings)
  }

  /// The bytes after an archive's end, as an item of their own.
  func scanTrailer(
    _ prefix: [UInt8], _ rest: inout some ByteSource, place: ItemPlace, depth: Int,
    budget: inout ExtractionBudget,
    findings: inout Int
  ) -> Bool {
    var item = PrefixedSource(prefix: prefix, source: rest)
    return scanItem(&item, place: place, depth: depth + 1, budget: &budget, findings: &findings)
  }

  /// `app.log.gz` → `app.log`: the name of a lone compressed file's content.
  static func decompressedName(_ name: String) -> String {
    for suffix in [".gz", ".tgz", ".bz2", ".xz", ".zst", ".z", ".Z"] where name.hasSuffix(suffix) {
      return String(name.dropLast(suffix.count))
    }
    return name + " (decompressed)"
  }
}
