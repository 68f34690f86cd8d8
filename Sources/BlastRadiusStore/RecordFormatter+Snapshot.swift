public import BlastRadiusBase

/// The JSONL record of `blastradius snapshots`: one per stored snapshot.
extension RecordFormatter {
  public static func append(_ s: Snapshot, to json: inout JSONBuilder) {
    json.raw("{\"kind\":\"snapshot\"")
    json.key("label"); json.string(s.label)
    json.key("complete"); json.bool(s.complete)
    json.key("roots"); json.strings(s.roots)
    json.key("entries"); json.int(s.entries)
    json.key("files"); json.int(s.files)
    json.key("bytes"); json.int(s.bytes)
    json.key("errors"); json.int(s.errors)
    json.raw("}\n")
  }
}
