/// The JSONL records of the output contract: `finding`, `error`, `file` and `summary` (and `hunt`,
/// in RecordFormatter+Hunt).
public enum RecordFormatter {
  public static func append(_ f: Finding, to json: inout JSONBuilder) {
    append(f, stored: false, to: &json)
  }

  /// The form the scan store keeps: the path and the fingerprint empty and no value, all put back
  /// on the way out (the fingerprint is kept in binary beside the record: as hex in the record it
  /// would be half of what the store compresses, and incompressible).
  public static func appendStored(_ f: Finding, to json: inout JSONBuilder) {
    append(f, stored: true, to: &json)
  }

  @inline(__always)
  static func append(_ f: Finding, stored: Bool, to json: inout JSONBuilder) {
    // The fixed keys are written with their commas as one literal each: this runs per finding.
    if stored {
      json.raw("{\"kind\":\"finding\",\"path\":\"\"")
    } else {
      json.raw("{\"kind\":\"finding\",\"path\":"); json.path(f.path, key: "path")
    }
    json.raw(",\"within\":"); json.strings(f.within)
    json.raw(",\"detector\":"); json.string(f.detector)
    json.raw(",\"category\":"); json.string(f.category)
    json.raw(",\"confidence\":"); json.string(f.confidence.description)
    json.raw(",\"reasons\":"); json.reasons(f.reasons)
    json.raw(",\"line\":"); json.int(f.line)
    json.raw(",\"column\":"); json.int(f.column)
    json.raw(",\"offset\":"); json.int(f.offset)
    json.raw(",\"masked\":"); json.string(f.masked)
    if stored {
      json.raw(",\"fingerprint\":\"\"")
    } else {
      json.raw(",\"fingerprint\":"); json.hex(f.fingerprint)
    }
    json.optional("sheet", f.sheet)
    json.optional("row", f.row)
    json.optional("cell", f.cell)
    json.optional("page", f.page)
    json.optional("record", f.record)
    if let evidence = f.evidence {
      json.key("evidence")
      json.raw("{")
      for (i, e) in evidence.enumerated() {
        json.key(dynamic: e.term, first: i == 0)
        json.int(e.count)
      }
      json.raw("}")
    }
    if !stored { json.optional("value", f.value) }
    json.raw("}\n")
  }

  public static func append(_ issue: ScanIssue, to json: inout JSONBuilder) {
    json.raw("{\"kind\":\"error\"")
    json.key("path"); json.path(issue.path, key: "path")
    json.key("within"); json.strings(issue.within)
    json.key("code"); json.string(issue.code.rawValue)
    json.key("message"); json.string(issue.message)
    json.raw("}\n")
  }

  public static func append(_ f: FileFacts, to json: inout JSONBuilder) {
    json.raw("{\"kind\":\"file\"")
    json.key("path"); json.path(f.path, key: "path")
    json.key("size"); json.int(f.size)
    json.key("mode"); json.string("0" + String(f.mode, radix: 8))
    json.key("uid"); json.int(f.uid)
    json.key("gid"); json.int(f.gid)
    if let owner = f.owner {
      json.key("owner"); json.string(owner)
    }
    json.key("world_readable"); json.bool(f.worldReadable)
    json.key("findings"); json.int(f.findings)
    json.raw("}\n")
  }

  public static func append(_ s: ScanSummary, to json: inout JSONBuilder) {
    json.raw("{\"kind\":\"summary\"")
    json.key("complete"); json.bool(s.complete)
    json.key("files"); json.int(s.files)
    json.key("bytes"); json.int(s.bytes)
    json.key("seconds"); json.double(s.seconds)
    json.key("findings"); json.int(s.findings)
    json.key("errors"); json.int(s.errors)
    json.key("errors_by_code"); json.counts(s.errorsByCode)
    json.key("skipped"); json.counts(s.skipped)
    json.key("encodings"); json.counts(s.encodings)
    json.key("containers"); json.counts(s.containers)
    json.key("members"); json.int(s.members)
    json.key("documents"); json.counts(s.documents)
    json.key("formats"); json.formats(s.formats)
    json.key("detectors"); detectors(s.detectors, &json)
    if let hunt = s.hunt { appendHunt(s, hunt, to: &json) }
    if let ocr = s.ocr {
      json.key("ocr")
      json.raw("{\"pages\":"); json.int(ocr.pages)
      json.raw(",\"seconds\":"); json.double(ocr.seconds)
      json.raw("}")
    }
    if s.interrupted {
      json.key("interrupted"); json.bool(true)
    }
    if let store = s.store {
      json.key("store")
      json.raw("{\"scan\":"); json.int(Int(store.scan))
      json.raw(",\"status\":"); json.string(store.status)
      json.raw(",\"resumed\":"); json.bool(store.resumed)
      json.raw(",\"files_read\":"); json.int(s.files - s.reusedFiles)
      json.raw(",\"files_reused\":"); json.int(s.reusedFiles)
      json.raw(",\"write_seconds\":"); json.double(store.writeSeconds)
      json.raw("}")
    }
    json.raw("}\n")
  }

  /// `{id: {total, unique}}`, with each detector's category when asked (the report's JSON).
  public static func detectors(
    _ counts: [ScanSummary.DetectorCount], withCategory: Bool = false, _ json: inout JSONBuilder
  ) {
    json.object(counts.map { ($0.detector, $0) }) { json, d in
      json.raw("{")
      if withCategory {
        json.key("category", first: true); json.string(d.category)
      }
      json.key("total", first: !withCategory); json.int(d.total)
      json.key("unique"); json.int(d.unique)
      json.raw("}")
    }
  }
}
