/// Turns records into people: each record is split by `RecordLinker`, and records (in any file,
/// any format) that share an identifier's fingerprint become one person (union-find; never on
/// names alone). It keeps per record-person a few small integers, not texts: identifiers,
/// names and detectors are interned once.
package struct PeopleIndex {
  struct Occurrence {
    var name: Int32
    var identifiers: [Int32]
    var elements: [Int32]
    var file: Int32
    var loginWithPassword: Bool
  }

  struct IdentifierKey: Hashable {
    var detector: Int32
    var fingerprint: String
  }

  /// Keep raw names (only for the notification list, with consent).
  let keepNames: Bool
  var occurrences: [Occurrence] = []
  var detectors: [String] = []
  var detectorIndex: [String: Int32] = [:]
  var identifiers: [Person.Identifier] = []
  var identifierIndex: [IdentifierKey: Int32] = [:]
  var names: [(fingerprint: String, masked: String, raw: String?)] = []
  var nameIndex: [String: Int32] = [:]

  package init(keepNames: Bool) { self.keepNames = keepNames }

  /// Adds one record of file `file`. `inPHIDocument`: the item holding it was classified as
  /// protected health information.
  package mutating func add(record entries: [RecordEntry], file: Int32, inPHIDocument: Bool = false) {
    for linked in RecordLinker.link(entries) {
      var occurrence = Occurrence(
        name: -1, identifiers: [], elements: [], file: file, loginWithPassword: linked.loginWithPassword)
      if let name = linked.name {
        occurrence.name = intern(name: name)
        occurrence.elements.append(intern(detector: PersonalData.name))
      }
      for value in linked.values {
        let detector = intern(detector: value.detector)
        if !occurrence.elements.contains(detector) { occurrence.elements.append(detector) }
        if PersonalData.rank(value.detector) != nil {
          let id = intern(identifier: value, detector: detector)
          if !occurrence.identifiers.contains(id) { occurrence.identifiers.append(id) }
        }
      }
      if inPHIDocument { occurrence.elements.append(intern(detector: PersonalData.phiDocument)) }
      occurrences.append(occurrence)
    }
  }

  mutating func intern(detector: String) -> Int32 {
    if let i = detectorIndex[detector] { return i }
    detectors.append(detector)
    detectorIndex[detector] = Int32(detectors.count - 1)
    return Int32(detectors.count - 1)
  }

  mutating func intern(identifier value: RecordEntry, detector: Int32) -> Int32 {
    let key = IdentifierKey(detector: detector, fingerprint: value.fingerprint)
    if let i = identifierIndex[key] { return i }
    identifiers.append(
      Person.Identifier(detector: value.detector, fingerprint: value.fingerprint, masked: value.masked))
    identifierIndex[key] = Int32(identifiers.count - 1)
    return Int32(identifiers.count - 1)
  }

  mutating func intern(name: RecordEntry) -> Int32 {
    if let i = nameIndex[name.fingerprint] { return i }
    names.append((name.fingerprint, name.masked, keepNames ? name.value : nil))
    nameIndex[name.fingerprint] = Int32(names.count - 1)
    return Int32(names.count - 1)
  }

  /// People, and who is in which file.
  package struct Result: Sendable {
    package var people: [Person]
    /// Each (file, person) pair once: who is exposed in which file.
    package var filePeople: [(file: Int32, person: Int32)]
  }

  /// Merges record-people that share an identifier and describes each person. `filePaths`
  /// names the file ids given to `add`.
  package func finish(filePaths: [String]) -> Result {
    let shared = sharedContacts()
    var sets = UnionFind(count: occurrences.count)
    var firstSeen = [Int32](repeating: -1, count: identifiers.count)
    for (i, occurrence) in occurrences.enumerated() {
      for id in occurrence.identifiers where PersonalData.merges(identifiers[Int(id)].detector) {
        // A shared mailbox still joins the nameless records that hold it, never named people.
        if shared.contains(id), occurrence.name >= 0 { continue }
        if firstSeen[Int(id)] < 0 {
          firstSeen[Int(id)] = Int32(i)
        } else {
          sets.union(firstSeen[Int(id)], Int32(i))
        }
      }
    }
    // Gather each set's record-people.
    var groupOfRoot: [Int32: Int] = [:]
    var members: [[Int32]] = []
    for i in occurrences.indices {
      let root = sets.find(Int32(i))
      if let g = groupOfRoot[root] {
        members[g].append(Int32(i))
      } else {
        groupOfRoot[root] = members.count
        members.append([Int32(i)])
      }
    }
    var people = members.map { describe($0, filePaths: filePaths) }
    // A stable order whatever order the scan's workers wrote in.
    let order = people.indices.sorted {
      let a = people[$0], b = people[$1]
      return (a.firstFile, a.maskedName ?? "~", a.key ?? "~", a.elements.joined()) < (
        b.firstFile, b.maskedName ?? "~", b.key ?? "~", b.elements.joined()
      )
    }
    var newIndex = [Int32](repeating: 0, count: people.count)
    for (new, old) in order.enumerated() { newIndex[old] = Int32(new) }
    people = order.map { people[$0] }
    var personOf = [Int32](repeating: 0, count: occurrences.count)
    for (g, list) in members.enumerated() {
      for i in list { personOf[Int(i)] = newIndex[g] }
    }
    var pairs: Set<Int64> = []
    var filePeople: [(file: Int32, person: Int32)] = []
    for (i, o) in occurrences.enumerated()
    where pairs.insert(Int64(o.file) << 32 | Int64(personOf[i])).inserted {
      filePeople.append((o.file, personOf[i]))
    }
    return Result(people: people, filePeople: filePeople)
  }

  /// Contact identifiers that stand beside too many different names to be one person's.
  func sharedContacts() -> Set<Int32> {
    var namesOf: [Int32: Set<Int32>] = [:]
    for occurrence in occurrences where occurrence.name >= 0 {
      for id in occurrence.identifiers where PersonalData.isContact(identifiers[Int(id)].detector) {
        namesOf[id, default: []].insert(occurrence.name)
      }
    }
    return Set(namesOf.filter { $0.value.count >= PersonalData.sharedContactNames }.keys)
  }

  func describe(_ list: [Int32], filePaths: [String]) -> Person {
    var nameCounts: [Int32: Int] = [:]
    var ids: Set<Int32> = []
    var elements: Set<Int32> = []
    var files: Set<Int32> = []
    var login = false
    for i in list {
      let o = occurrences[Int(i)]
      if o.name >= 0 { nameCounts[o.name, default: 0] += 1 }
      ids.formUnion(o.identifiers)
      elements.formUnion(o.elements)
      files.insert(o.file)
      login = login || o.loginWithPassword
    }
    // The name seen most often; ties by fingerprint, so the choice does not depend on order.
    let name = nameCounts.max { a, b in
      (a.value, names[Int(b.key)].fingerprint) < (b.value, names[Int(a.key)].fingerprint)
    }.map { names[Int($0.key)] }
    let identifiers = ids.map { self.identifiers[Int($0)] }.sorted {
      (PersonalData.rank($0.detector)!, $0.fingerprint) < (PersonalData.rank($1.detector)!, $1.fingerprint)
    }
    let elementNames = Set(elements.map { detectors[Int($0)] })
    return Person(
      key: identifiers.first?.fingerprint, keyDetector: identifiers.first?.detector,
      maskedName: name?.masked, name: name?.raw, identifiers: identifiers, elements: elementNames.sorted(),
      triggers: NotificationTrigger.evaluate(
        elements: elementNames, named: name != nil, loginWithPassword: login),
      fileCount: files.count, firstFile: files.map { filePaths[Int($0)] }.min() ?? "")
  }
}
