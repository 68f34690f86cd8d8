import BlastRadiusBase
import BlastRadiusStore
import Foundation

@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt

/// One parser of hostile input, driven with arbitrary bytes. A harness must never crash, hang or
/// grow without bound, whatever it is given; what it returns does not matter here.
enum Harness: String, CaseIterable, Sendable {
  case mail, ooxml, opendocument, markup, records, text, json, stix, loki, rules, yara, store
  case compound, outlook, image

  /// Runs the parser on `input`.
  func run(_ input: UnsafeRawBufferPointer) {
    let bytes = Array(input)
    switch self {
    case .mail:
      for message in MailParser.messages(mbox: bytes) { _ = MailParser.parse(message) }
      _ = MailParser.parse(bytes[...])
    case .ooxml:
      // The same bytes as every part a document may have.
      for kind in OOXMLExtractor.Kind.allCases {
        let names = OOXMLExtractor.partsNeeded(kind, partNames: Self.ooxmlParts)
        _ = OOXMLExtractor.extract(kind, parts: Dictionary(uniqueKeysWithValues: names.map { ($0, bytes) }))
      }
    case .opendocument:
      for kind in OpenDocumentExtractor.Kind.allCases {
        let names = OpenDocumentExtractor.partsNeeded(kind)
        _ = OpenDocumentExtractor.extract(
          kind, parts: Dictionary(uniqueKeysWithValues: names.map { ($0, bytes) }))
      }
    case .markup:
      _ = MarkupText.html(bytes)
      _ = MarkupText.xml(bytes)
    case .records:
      if let header = DelimitedHeader.detect(input) {
        var start = 0
        while start < input.count {
          let line = PersonRecord.lineBounds(of: start, in: input)
          _ = PersonRecord.names(inRow: line, input, header: header)
          start = line.upperBound + 1
        }
      }
      if !input.isEmpty {
        let record = PersonRecord.bounds(of: input.count / 2, in: input, delimited: false)
        _ = PersonRecord.names(inText: record, input)
      }
    case .text:
      _ = EncodingSniffer.sniff(input)
      for bigEndian in [false, true] {
        var narrower = UTF16Narrower(bigEndian: bigEndian)
        let out = UnsafeMutableRawPointer.allocate(byteCount: input.count + 16, alignment: 16)
        defer { out.deallocate() }
        _ = narrower.narrow(input, into: out)
      }
    case .json:
      _ = try? JSONParser.parse(input)
      _ = try? JSONParser.parse(input, lines: true)
    case .stix:
      var set = IndicatorSet()
      try? STIXBundle.parse(bytes, file: "fuzz.json", into: &set)
    case .loki:
      for kind in [LokiIndicatorFile.Kind.hash, .filename, .network] {
        var set = IndicatorSet()
        LokiIndicatorFile.parse(bytes, kind: kind, file: "fuzz-iocs.txt", into: &set)
      }
    case .rules:
      _ = try? CustomRules.parse(String(decoding: bytes, as: UTF8.self), path: "fuzz.yaml")
    case .yara:
      _ = YaraSourceScanner(bytes)
      Self.withFile(bytes, suffix: ".yar") { path in _ = try? YaraRuleSet(paths: [path], cacheDirectory: nil)
      }
    case .compound:
      // The compound-file reader and every legacy Office extractor behind it, and the RTF
      // decompressor and reader of .msg bodies.
      _ = CompoundDocument.read(
        bytes, budget: ExtractionBudget(limits: ExtractionLimits(), fileSize: bytes.count))
      if let rtf = CompressedRTF.decompress(bytes, limit: 1 << 20) { _ = RTFText.text(rtf) }
      _ = RTFText.text(bytes)
    case .outlook:
      // libpff on a hostile store, through the walk a scan makes, attachments read to the end.
      guard case .success(let store) = OutlookStore.open(bytes: bytes, limits: ExtractionLimits()).store
      else {
        return
      }
      let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 16)
      defer { buffer.deallocate() }
      func drain(_ message: OutlookMessage) {
        for attachment in message.attachments {
          switch attachment.content {
          case .data:
            var source = attachment.source(at: ItemPlace(path: "fuzz.pst"))
            while let n = try? source.read(into: buffer, count: 1 << 16), n > 0 {}
          case .message(let inner): drain(inner)
          case .none: break
          }
        }
      }
      _ = store.walk { visit in
        if case .message(let message) = visit { drain(message) }
        return true
      }
    case .image:
      // The header checks that refuse hostile sizes before leptonica decodes, then leptonica.
      for kind in ImageKind.allCases {
        ImageDecoder.pages(bytes, kind: kind, maxPixels: 4_000_000, maxPages: 4) { _, _ in true }
      }
    case .store:
      Self.withFile(bytes, suffix: ".db") { path in
        guard let db = try? StoreDatabase(path: path, create: false) else { return }
        for snapshot in (try? db.snapshots()) ?? [] {
          _ = try? db.bootAreas(of: snapshot)
          _ = try? db.issues(of: snapshot)
          _ = try? db.entriesByTop(snapshot)
        }
      }
    }
  }

  static let ooxmlParts = [
    "[Content_Types].xml", "word/document.xml", "word/header1.xml", "word/footer1.xml", "word/comments.xml",
    "xl/workbook.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/_rels/workbook.xml.rels",
    "ppt/slides/slide1.xml", "ppt/notesSlides/notesSlide1.xml",
  ]

  /// Calls `body` with a private file holding `bytes`, removed after.
  static func withFile(_ bytes: [UInt8], suffix: String, _ body: (String) -> Void) {
    let path =
      NSTemporaryDirectory() + "blastradius-fuzz-\(getpid())-\(UInt32.random(in: 0...UInt32.max))\(suffix)"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
    defer {
      for extra in ["", "-wal", "-shm"] { unlink(path + extra) }
    }
    body(path)
  }
}
