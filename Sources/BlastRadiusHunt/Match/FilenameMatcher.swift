import BlastRadiusMatch

/// File name indicators compiled into one Vectorscan database (caseless, as Loki matches them),
/// with their false-positive expressions in a second one: a path matching an indicator and its
/// false-positive expression is not a hit. Expressions Vectorscan cannot compile (back
/// references, look-around) are left out with a warning each.
final class FilenameMatcher: Sendable {
  let indicators: [FilenameIndicator]
  let names: VectorscanDatabase
  let falsePositives: VectorscanDatabase?

  /// Per-worker scratch space and match list.
  final class Scratch {
    let names: VectorscanScratch
    let falsePositives: VectorscanScratch?
    let matches = MatchList(capacity: 16)
    init(names: VectorscanScratch, falsePositives: VectorscanScratch?) {
      self.names = names
      self.falsePositives = falsePositives
    }
  }

  /// The matcher for the indicators that compile, or nil when none does.
  static func build(_ all: [FilenameIndicator], warnings: inout [String]) -> FilenameMatcher? {
    let names = VectorscanDatabase.compileDropping(
      all.indices.map {
        VectorscanPattern(all[$0].expression, id: UInt32($0), caseless: true, singleMatch: true)
      }
    ) { id, message in
      let i = all[id]
      warnings.append(
        "--iocs: \(i.origin.file):\(i.origin.line): file name expression '\(i.text)' not used: Vectorscan: \(message)"
      )
    }
    guard let names else { return nil }
    // Ids are the indicators' positions in `all`, in both databases.
    let fp = VectorscanDatabase.compileDropping(
      names.patterns.compactMap { p in
        all[Int(p.id)].falsePositive.map {
          VectorscanPattern($0, id: p.id, caseless: true, singleMatch: true)
        }
      }
    ) { id, message in
      let i = all[id]
      warnings.append(
        "--iocs: \(i.origin.file):\(i.origin.line): false-positive expression '\(i.falsePositive ?? "")' not used (the file name expression still is): Vectorscan: \(message)"
      )
    }
    return FilenameMatcher(indicators: all, names: names, falsePositives: fp)
  }

  private init(
    indicators: [FilenameIndicator], names: VectorscanDatabase, falsePositives: VectorscanDatabase?
  ) {
    self.indicators = indicators
    self.names = names
    self.falsePositives = falsePositives
  }

  func makeScratch() throws(VectorscanError) -> Scratch {
    Scratch(names: try names.makeScratch(), falsePositives: try falsePositives?.makeScratch())
  }

  /// Indexes of the indicators `path` matches and whose false-positive expression it does not.
  func matches(_ path: String, scratch: Scratch) -> [Int] {
    var path = path
    return path.withUTF8 { bytes -> [Int] in
      let raw = UnsafeRawBufferPointer(bytes)
      let list = scratch.matches
      list.removeAll()
      guard (try? names.scan(raw, scratch: scratch.names, into: list)) != nil, list.count > 0 else {
        return []
      }
      var hits = Set((0..<list.count).map { Int(list[$0].id) })
      if let falsePositives, let fpScratch = scratch.falsePositives {
        list.removeAll()
        if (try? falsePositives.scan(raw, scratch: fpScratch, into: list)) != nil {
          for k in 0..<list.count { hits.remove(Int(list[k].id)) }
        }
      }
      return hits.sorted()
    }
  }
}

extension VectorscanDatabase {
  /// Compiles `patterns`, leaving out each one Vectorscan refuses (told to `rejected` with its
  /// id and the compiler's message); nil when none is left.
  static func compileDropping(_ patterns: [VectorscanPattern], rejected: (Int, String) -> Void)
    -> VectorscanDatabase?
  {
    var remaining = patterns
    while !remaining.isEmpty {
      do {
        return try VectorscanDatabase(patterns: remaining)
      } catch {
        guard let index = error.index else {
          for p in remaining { rejected(Int(p.id), error.message) }
          return nil
        }
        rejected(Int(remaining[index].id), error.message)
        remaining.remove(at: index)
      }
    }
    return nil
  }
}
