import BlastRadiusAggregate
import BlastRadiusBase

/// Builds an `ImpactReport` from a scan's records in one pass. Records are held per file on
/// disk until its `file` record (which follows its last finding) and then linked, so memory
/// holds the files being written by the scan's workers, not the scan.
package struct ImpactBuilder {
  struct ItemKey: Hashable {
    var within: [String]
    var sheet: String?
    var page: Int?
  }

  struct RecordKey: Hashable, Comparable {
    var item: ItemKey
    var record: Int

    static func < (a: RecordKey, b: RecordKey) -> Bool {
      (a.item.within.joined(separator: "\u{0}"), a.item.sheet ?? "", a.item.page ?? 0, a.record)
        < (b.item.within.joined(separator: "\u{0}"), b.item.sheet ?? "", b.item.page ?? 0, b.record)
    }
  }

  /// Records of a file whose `file` record has not come yet.
  struct Pending {
    var records: [RecordKey: [RecordEntry]] = [:]
    var phiItems: Set<ItemKey> = []
  }

  struct FileState {
    var path: String
    var facts: FileFacts?
    var findings = 0
    var elements: Set<String> = []
    var categories: [String: Int] = [:]
  }

  struct DetectorState {
    var category: String
    var total = 0
    var unique = FingerprintSet()
  }

  let keepNames: Bool
  var report: ImpactReport
  var people: PeopleIndex
  var pending: [String: Pending] = [:]
  var fileIndex: [String: Int32] = [:]
  var files: [FileState] = []
  var detectorStates: [String: DetectorState] = [:]
  var ssns = FingerprintSet()
  var credentials = FingerprintSet()
  var partlyRead: Set<String> = []

  /// `keepNames`: keep raw names (from a `--reveal` scan) for the notification list.
  package init(input: String, keepNames: Bool) {
    self.keepNames = keepNames
    report = ImpactReport(input: input)
    people = PeopleIndex(keepNames: keepNames)
  }

  package mutating func add(_ record: ScanRecord) {
    switch record {
    case .finding(let f): add(f)
    case .file(let facts):
      files[Int(fileID(facts.path))].facts = facts
      flush(facts.path)
    case .error(let issue):
      report.issueCount += 1
      if report.issues.count < ImpactReport.issueLimit { report.issues.append(issue) }
      if issue.within.isEmpty { report.notReadOnDisk += 1 } else { partlyRead.insert(issue.path) }
    case .summary(let s):
      // Several scan logs (or a store's scans of several roots) make one report.
      report.summary = report.summary.map { $0.merged(with: s) } ?? s
    case .hunt:
      break
    }
  }

  /// A line that held no record.
  package mutating func unreadableLine() { report.unreadableLines += 1 }

  mutating func add(_ f: LoggedFinding) {
    report.findings += 1
    let id = Int(fileID(f.path))
    files[id].findings += 1
    files[id].elements.insert(f.detector)
    files[id].categories[f.category, default: 0] += 1
    let word = Self.word0(f.fingerprint)
    detectorStates[f.detector, default: DetectorState(category: f.category)].total += 1
    detectorStates[f.detector]!.unique.insert(word)
    if f.detector == "us_ssn" { ssns.insert(word) }
    if f.category == "credential" { credentials.insert(word) }
    let item = ItemKey(within: f.within, sheet: f.sheet, page: f.page)
    if f.detector == PersonalData.phiDocument, f.wholeItem {
      pending[f.path, default: Pending()].phiItems.insert(item)
    } else if f.detector == PersonalData.name
      || PersonalData.isPersonal(detector: f.detector, category: f.category, wholeItem: f.wholeItem)
    {
      let entry = RecordEntry(
        detector: f.detector, offset: f.offset, fingerprint: f.fingerprint, masked: f.masked,
        value: keepNames && f.detector == PersonalData.name ? f.value : nil)
      // Without a record (a scan before records), each value stands alone.
      pending[f.path, default: Pending()].records[
        RecordKey(item: item, record: f.record ?? f.offset), default: []
      ].append(entry)
    }
  }

  mutating func fileID(_ path: String) -> Int32 {
    if let id = fileIndex[path] { return id }
    files.append(FileState(path: path))
    fileIndex[path] = Int32(files.count - 1)
    return Int32(files.count - 1)
  }

  /// Links the records of a file once all its findings are in.
  mutating func flush(_ path: String) {
    guard let p = pending.removeValue(forKey: path) else { return }
    let id = fileID(path)
    for key in p.records.keys.sorted() {
      people.add(record: p.records[key]!, file: id, inPHIDocument: p.phiItems.contains(key.item))
    }
  }

  /// The first 64 bits of a hex fingerprint, for distinct counts.
  static func word0(_ hex: String) -> UInt64 {
    var v: UInt64 = 0
    var n = 0
    for b in hex.utf8.prefix(16) {
      let d: UInt8
      switch b {
      case 0x30...0x39: d = b - 0x30
      case 0x61...0x66: d = b - 0x61 + 10
      case 0x41...0x46: d = b - 0x41 + 10
      default: return UInt64(truncatingIfNeeded: hex.hashValue)
      }
      v = v << 4 | UInt64(d)
      n += 1
    }
    return n == 16 ? v : UInt64(truncatingIfNeeded: hex.hashValue)
  }

  package mutating func finish() -> ImpactReport {
    for path in pending.keys.sorted() { flush(path) }
    let linked = people.finish(filePaths: files.map(\.path))
    var r = report
    r.people = linked.people
    r.uniqueSSNs = ssns.count
    r.credentials = credentials.count
    r.partlyRead = partlyRead.count

    var triggerCounts: [NotificationTrigger: Int] = [:]
    for person in linked.people {
      for t in person.triggers { triggerCounts[t, default: 0] += 1 }
      if !person.triggers.isEmpty { r.peopleToNotify += 1 }
      if !NotificationTrigger.health.isDisjoint(with: person.triggers) { r.healthPeople += 1 }
    }
    r.triggers = NotificationTrigger.allCases.map { ($0, triggerCounts[$0] ?? 0) }

    var categories: [String: Int] = [:]
    for f in files { for (c, n) in f.categories { categories[c, default: 0] += n } }
    r.categories = categories.map { ($0.key, $0.value) }.sorted {
      ($0.findings, $1.category) > ($1.findings, $0.category)
    }
    r.detectors = detectorStates.map {
      ScanSummary.DetectorCount(
        detector: $0.key, category: $0.value.category, total: $0.value.total, unique: $0.value.unique.count)
    }.sorted { ($0.total, $1.detector) > ($1.total, $0.detector) }

    // People per file and per folder.
    var peopleInFile = [Int](repeating: 0, count: files.count)
    var peopleInFolder: [String: Set<Int32>] = [:]
    for (file, person) in linked.filePeople {
      peopleInFile[Int(file)] += 1
      peopleInFolder[FileImpact.folder(of: files[Int(file)].path), default: []].insert(person)
    }
    r.files = files.indices.filter { files[$0].findings > 0 }.map { i in
      let f = files[i]
      let weight = f.elements.reduce(0.0) { $0 + RiskScore.weight(detector: $1, category: category(of: $1)) }
      return FileImpact(
        path: f.path, facts: f.facts, findings: f.findings, elements: f.elements.sorted(),
        categories: f.categories,
        people: peopleInFile[i],
        risk: RiskScore.score(
          elementWeight: weight, people: peopleInFile[i], exposure: RiskScore.exposure(f.facts)))
    }.sorted { ($0.risk, $1.path) > ($1.risk, $0.path) }

    var folders: [String: FolderImpact] = [:]
    for f in r.files {
      let path = f.folder
      folders[path, default: FolderImpact(path: path)].files += 1
      folders[path]!.findings += f.findings
      folders[path]!.risk += f.risk
    }
    r.folders = folders.values.map { folder in
      var folder = folder
      folder.people = peopleInFolder[folder.path]?.count ?? 0
      folder.risk = (folder.risk * 10).rounded() / 10
      return folder
    }.sorted { ($0.risk, $1.path) > ($1.risk, $0.path) }
    return r
  }

  func category(of detector: String) -> String { detectorStates[detector]?.category ?? "unknown" }
}
