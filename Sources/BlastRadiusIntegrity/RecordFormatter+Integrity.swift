public import BlastRadiusBase

/// The JSONL records of `baseline` and `diff`: `change` per changed entry or boot area, and a
/// `summary` each.
extension RecordFormatter {
  public static func append(_ change: Change, to json: inout JSONBuilder) {
    json.raw("{\"kind\":\"change\"")
    json.key("class"); json.string(change.changeClass.rawValue)
    json.key("path"); json.path(change.path, key: "path")
    json.key("type"); json.string(change.kind.rawValue)
    if let before = change.before, let after = change.after, before.path != after.path {
      json.key("from"); json.path(before.path, key: "from")
    }
    json.key("fields"); json.strings(change.fields)
    if let before = change.before {
      json.key("before"); entry(before, &json)
    }
    if let after = change.after {
      json.key("after"); entry(after, &json)
    }
    json.raw("}\n")
  }

  /// A changed boot area: `type` is `device`, `regions` names the parts that differ.
  public static func append(_ change: BootChange, to json: inout JSONBuilder) {
    json.raw("{\"kind\":\"change\"")
    json.key("class"); json.string(change.changeClass.rawValue)
    json.key("path"); json.path(change.after.path, key: "path")
    json.key("type"); json.raw("\"device\"")
    json.key("regions"); json.strings(change.regions)
    json.key("before"); content(change.before.content, &json, size: change.before.bytes)
    json.key("after"); content(change.after.content, &json, size: change.after.bytes)
    json.raw("}\n")
  }

  static func entry(_ e: EntryRecord, _ json: inout JSONBuilder) {
    json.raw("{")
    json.key("size", first: true); json.int(Int(e.size))
    json.key("mode"); json.string("0" + String(e.mode, radix: 8))
    json.key("uid"); json.int(Int(e.uid))
    json.key("gid"); json.int(Int(e.gid))
    json.key("inode"); json.int(Int(e.inode))
    json.key("mtime_ns"); json.int(Int(e.mtime))
    json.key("ctime_ns"); json.int(Int(e.ctime))
    if let target = e.target {
      json.key("target"); json.path(target, key: "target")
    }
    if let c = e.content {
      json.key("sha256"); json.hex(words: c.sha256.word0, c.sha256.word1, c.sha256.word2, c.sha256.word3)
      json.key("entropy"); json.double(c.entropy)
      json.key("content_type"); json.string(c.type.rawValue)
      if c.period > 0 {
        json.key("pattern_length"); json.int(c.period)
      }
    }
    json.raw("}")
  }

  static func content(_ c: ContentProfile, _ json: inout JSONBuilder, size: Int) {
    json.raw("{")
    json.key("size", first: true); json.int(size)
    json.key("sha256"); json.hex(words: c.sha256.word0, c.sha256.word1, c.sha256.word2, c.sha256.word3)
    json.key("entropy"); json.double(c.entropy)
    json.key("content_type"); json.string(c.type.rawValue)
    json.raw("}")
  }

  public static func append(_ s: DiffSummary, to json: inout JSONBuilder) {
    json.raw("{\"kind\":\"summary\",\"command\":\"diff\"")
    json.key("baseline"); json.string(s.baseline)
    json.key("baseline_entries"); json.int(s.baselineEntries)
    json.key("changes"); json.int(s.changes)
    json.key("classes"); classes(s.counts, entries: s.baselineEntries, &json)
    json.key("folders")
    json.raw("{")
    for (i, top) in s.folders.keys.sorted().filter({ s.folders[$0]!.changes > 0 }).enumerated() {
      let folder = s.folders[top]!
      json.key(dynamic: top, first: i == 0)
      json.raw("{")
      json.key("entries", first: true); json.int(folder.entries)
      json.key("changes"); json.int(folder.changes)
      json.key("destructive_share");
      json.double(DiffSummary.share(folder.destructive, of: folder.entries), decimals: 6)
      json.key("classes"); classes(folder.counts, entries: folder.entries, &json)
      json.raw("}")
    }
    json.raw("}")
    json.key("destructive"); json.int(s.destructive)
    json.key("destructive_share");
    json.double(DiffSummary.share(s.destructive, of: s.baselineEntries), decimals: 6)
    json.key("threshold_percent"); json.double(s.threshold, decimals: 2)
    json.key("mass_destruction"); json.bool(s.massDestruction)
    json.key("boot_areas_changed"); json.int(s.bootChanges.count)
    json.key("unverified"); json.int(s.unverified)
    json.key("errors"); json.int(s.errors)
    json.key("errors_by_code"); json.counts(s.errorsByCode)
    json.key("seconds"); json.double(s.seconds)
    json.raw("}\n")
  }

  /// `{"removed":{"count":3,"share":0.012},…}` for the classes seen.
  static func classes(_ counts: [ChangeClass: Int], entries: Int, _ json: inout JSONBuilder) {
    json.object(counts.sorted { $0.key < $1.key }.map { ($0.key.rawValue, $0.value) }) { json, count in
      json.raw("{\"count\":"); json.int(count)
      json.key("share"); json.double(DiffSummary.share(count, of: entries), decimals: 6)
      json.raw("}")
    }
  }

  public static func append(
    _ s: SnapshotSummary, label: String, complete: Bool, devices: Int, to json: inout JSONBuilder
  ) {
    json.raw("{\"kind\":\"summary\",\"command\":\"baseline\"")
    json.key("label"); json.string(label)
    json.key("complete"); json.bool(complete)
    json.key("entries"); json.int(s.entries)
    json.key("files"); json.int(s.files)
    json.key("directories"); json.int(s.directories)
    json.key("symlinks"); json.int(s.symlinks)
    json.key("other"); json.int(s.others)
    json.key("hashed"); json.int(s.hashed)
    json.key("bytes_hashed"); json.int(s.bytesHashed)
    json.key("reused"); json.int(s.reused)
    json.key("devices"); json.int(devices)
    json.key("errors"); json.int(s.errors)
    json.key("errors_by_code"); json.counts(s.errorsByCode)
    json.key("seconds"); json.double(s.seconds)
    json.raw("}\n")
  }
}
