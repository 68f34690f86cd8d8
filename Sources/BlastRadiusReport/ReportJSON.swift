import BlastRadiusAggregate
import BlastRadiusBase

/// report.json: every figure of the HTML page, for scripts, with all files and folders (the
/// page shows the riskiest). No person is listed: that is the notification list's job.
package enum ReportJSON {
  package static func render(_ r: ImpactReport) -> [UInt8] {
    var json = JSONBuilder(capacity: 64 * 1024 + r.files.count * 256)
    json.raw("{\"report\":\"blastradius-impact\",\"version\":1")
    json.key("input"); json.string(r.input)
    json.key("scan"); scan(r, &json)
    json.key("headline")
    json.object(
      [
        ("unique_ssns", r.uniqueSSNs), ("people", r.people.count), ("people_to_notify", r.peopleToNotify),
        ("credentials", r.credentials), ("files_read", r.filesRead), ("files_not_read", r.notReadOnDisk),
        ("files_partly_read", r.partlyRead), ("files_skipped", r.skipped.values.reduce(0, +)),
        ("files_with_findings", r.files.count), ("findings", r.findings),
      ]) { $0.int($1) }
    json.key("triggers"); json.object(r.triggers.map { ($0.trigger.rawValue, $0.people) }) { $0.int($1) }
    json.key("hipaa")
    json.raw("{\"people\":"); json.int(r.healthPeople)
    json.key("threshold"); json.int(NotificationTrigger.hipaaThreshold)
    json.key("reached"); json.bool(r.hipaaThresholdReached)
    json.raw("}")
    json.key("categories"); json.object(r.categories.map { ($0.category, $0.findings) }) { $0.int($1) }
    json.key("detectors"); RecordFormatter.detectors(r.detectors, withCategory: true, &json)
    json.key("folders")
    json.raw("[")
    for (i, f) in r.folders.enumerated() {
      if i > 0 { json.raw(",") }
      json.raw("{\"path\":"); json.string(f.path)
      json.key("risk"); json.double(f.risk, decimals: 1)
      json.key("files"); json.int(f.files)
      json.key("findings"); json.int(f.findings)
      json.key("people"); json.int(f.people)
      json.raw("}")
    }
    json.raw("]")
    json.key("files")
    json.raw("[")
    for (i, f) in r.files.enumerated() {
      if i > 0 { json.raw(",") }
      file(f, &json)
    }
    json.raw("]")
    json.key("coverage"); coverage(r, &json)
    if let c = r.changes {
      json.key("changes")
      json.raw("{\"finished\":"); json.bool(c.finished)
      json.key("baseline_entries"); json.int(c.baselineEntries)
      json.key("changes"); json.int(c.changes)
      json.key("classes"); json.object(c.classes.map { ($0.name, $0.count) }) { $0.int($1) }
      json.key("destructive_share"); json.double(c.destructiveShare, decimals: 6)
      json.key("mass_destruction"); json.bool(c.massDestruction)
      json.key("boot_areas_changed"); json.int(c.bootAreasChanged)
      json.raw("}")
    }
    json.raw("}\n")
    return json.bytes
  }

  static func scan(_ r: ImpactReport, _ json: inout JSONBuilder) {
    json.raw("{\"complete\":"); json.bool(r.complete)
    json.key("finished"); json.bool(r.summary != nil)
    if let s = r.summary {
      json.key("files"); json.int(s.files)
      json.key("bytes"); json.int(s.bytes)
      json.key("seconds"); json.double(s.seconds)
      json.key("findings"); json.int(s.findings)
      json.key("errors"); json.int(s.errors)
      json.key("members"); json.int(s.members)
      json.key("containers"); json.counts(s.containers)
      json.key("documents"); json.counts(s.documents)
    }
    json.raw("}")
  }

  static func file(_ f: FileImpact, _ json: inout JSONBuilder) {
    json.raw("{\"path\":"); json.string(f.path)
    json.key("risk"); json.double(f.risk, decimals: 1)
    json.key("people"); json.int(f.people)
    json.key("findings"); json.int(f.findings)
    json.key("elements"); json.strings(f.elements)
    json.key("categories"); json.counts(f.categories)
    json.key("readable_by"); json.string(f.exposure)
    if let facts = f.facts {
      json.key("mode"); json.string("0" + String(facts.mode, radix: 8))
      if let owner = facts.owner {
        json.key("owner"); json.string(owner)
      }
      json.key("uid"); json.int(facts.uid)
      json.key("size"); json.int(facts.size)
    }
    json.raw("}")
  }

  static func coverage(_ r: ImpactReport, _ json: inout JSONBuilder) {
    json.raw("{\"complete\":"); json.bool(r.complete)
    json.key("unreadable_lines"); json.int(r.unreadableLines)
    json.key("errors"); json.int(r.issueCount)
    json.key("errors_by_code"); json.counts(r.errorsByCode)
    json.key("skipped"); json.counts(r.skipped)
    json.key("formats"); json.formats(r.formats)
    json.key("not_read")
    json.raw("[")
    for (i, issue) in r.issues.enumerated() {
      if i > 0 { json.raw(",") }
      json.raw("{\"path\":"); json.string(issue.path)
      json.key("within"); json.strings(issue.within)
      json.key("code"); json.string(issue.code)
      json.key("message"); json.string(issue.message)
      json.raw("}")
    }
    json.raw("]}")
  }
}
