/// The `hunt` record, and the `hunt` object of the summary record.
extension RecordFormatter {
  public static func append(_ h: HuntHit, to json: inout JSONBuilder) {
    json.raw("{\"kind\":\"hunt\"")
    json.key("path"); json.path(h.path, key: "path")
    json.key("within"); json.strings(h.within)
    json.key("match"); json.string(h.match.rawValue)
    if h.match == .yara {
      json.key("rule"); json.string(h.name)
      json.key("namespace"); json.string(h.namespace ?? "default")
      json.key("tags"); json.strings(h.tags)
      json.key("meta")
      json.raw("{")
      json.optional("description", h.description)
      json.optional("author", h.author)
      json.optional("score", h.ruleScore)
      json.raw("}")
      json.key("strings")
      json.array(h.strings) { json, s in
        json.raw("{")
        json.key("id", first: true); json.string(s.identifier)
        json.key("offsets"); json.ints(s.offsets)
        json.key("count"); json.int(s.count)
        if let data = s.data {
          json.key("data"); json.strings(data.map(Hex.lower))
        }
        json.raw("}")
      }
    } else {
      json.key("ioc"); json.string(h.name)
      json.key("type"); json.string(h.iocType ?? "")
      json.optional("description", h.description)
      json.optional("stix_id", h.stixID)
    }
    json.optional("line", h.line)
    json.optional("column", h.column)
    json.optional("offset", h.offset)
    json.optional("sheet", h.sheet)
    json.optional("page", h.page)
    json.key("source")
    json.raw("{")
    json.key("file", first: true); json.string(h.sourceFile)
    json.optional("line", h.sourceLine)
    json.raw("}")
    json.key("score"); json.int(h.score)
    json.key("total"); json.int(h.total)
    json.key("level"); json.string(h.level.rawValue)
    json.raw("}\n")
  }

  /// `"hunt":{…}` for the summary record.
  static func appendHunt(_ s: ScanSummary, _ h: HuntSummary, to json: inout JSONBuilder) {
    json.key("hunt")
    json.raw("{")
    json.key("levels", first: true)
    json.raw("{")
    for (i, level) in HuntLevel.allCases.enumerated() {
      json.key(dynamic: level.rawValue, first: i == 0)
      json.int(s.huntLevels[level.rawValue] ?? 0)
    }
    json.raw("}")
    json.key("hits"); json.counts(s.huntHits)
    json.key("bytes"); json.int(h.bytes)
    json.key("second_reads"); json.int(h.secondReads)
    if let cache = h.yaraCache {
      json.key("yara")
      json.raw("{")
      json.key("files", first: true); json.int(h.yaraFiles)
      json.key("rules"); json.int(h.yaraRules)
      json.key("compiled"); json.bool(cache != "hit")
      json.key("cache"); json.string(cache)
      json.key("seconds"); json.double(h.yaraSeconds)
      json.raw("}")
    }
    json.key("indicators"); json.counts(h.indicators)
    json.key("warnings"); json.strings(h.warnings)
    json.raw("}")
  }
}
