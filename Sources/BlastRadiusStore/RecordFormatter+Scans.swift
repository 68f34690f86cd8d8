public import BlastRadiusBase

/// The JSONL records of `blastradius scans`: one `stored_scan` per scan, and the `scan_diff` of
/// `--diff A B`.
extension RecordFormatter {
  public static func append(_ s: StoredScan, to json: inout JSONBuilder) {
    json.raw("{\"kind\":\"stored_scan\"")
    json.key("id"); json.int(Int(s.id))
    json.key("status"); json.string(s.status)
    json.key("host"); json.string(s.host)
    json.key("roots"); json.strings(s.roots)
    json.key("started_at"); json.double(s.startedAt)
    if let f = s.finishedAt {
      json.key("finished_at"); json.double(f)
    }
    json.key("files_read"); json.int(s.filesRead)
    json.key("files_reused"); json.int(s.filesReused)
    json.optional("findings", s.findings)
    json.optional("errors", s.errors)
    json.key("config_hash"); json.string(s.configHash)
    json.key("key_id"); json.string(s.keyID)
    json.raw("}\n")
  }

  public static func append(_ c: ScanComparison, to json: inout JSONBuilder) {
    json.raw("{\"kind\":\"scan_diff\"")
    json.key("from"); json.int(Int(c.from))
    json.key("to"); json.int(Int(c.to))
    json.key("detectors")
    json.raw("{")
    for (i, d) in c.detectors.enumerated() {
      json.key(dynamic: d.detector, first: i == 0)
      json.raw("{\"new\":"); json.int(d.new)
      json.raw(",\"gone\":"); json.int(d.gone)
      json.raw("}")
    }
    json.raw("}")
    json.key("new_files"); json.strings(c.newFiles)
    json.key("gone_files"); json.strings(c.goneFiles)
    json.raw("}\n")
  }
}
