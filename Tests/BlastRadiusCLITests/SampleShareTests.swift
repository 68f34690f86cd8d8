import Foundation
import Testing

/// The project's own synthetic share: every planted value is found, per detector and per file,
/// with the exact totals and distinct counts its generator recorded.
struct SampleShareTests {
  struct Manifest: Decodable {
    struct Count: Decodable, Equatable { var total: Int; var unique: Int }
    var detectors: [String: Count]
    var files: [String: [String: Int]]
  }

  func check(chunkSize: Int?) throws {
    let fixture = try Fixture()
    let manifestURL = fixture.root.appendingPathComponent("manifest.json")
    let made = try CLI.run(
      "blastradius-synth", ["sample", fixture.tree.path, "--manifest", manifestURL.path])
    #expect(made.status == 0, "\(made.stderr)")
    let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: manifestURL))

    // The generator's manifest lists the values it planted; names are linked to them in
    // records (tested on their own), not planted. The scanned form needs `--ocr`.
    let result = try fixture.scan(
      ["--except", "person_name", "--ocr"] + (chunkSize.map { ["--chunk-size", String($0)] } ?? []))
    #expect(result.status == 1)
    #expect(result.errors.isEmpty)
    let summary = result.summary
    #expect(summary["complete"] as? Bool == true)
    let detectors = summary["detectors"] as! [String: [String: Int]]
    for (id, expected) in manifest.detectors {
      #expect(detectors[id]?["total"] == expected.total, "\(id) total")
      #expect(detectors[id]?["unique"] == expected.unique, "\(id) unique")
    }
    for (id, counts) in detectors where manifest.detectors[id] == nil {
      #expect(counts["total"] == 0, "\(id) found values the generator never planted")
    }
    var perFile: [String: [String: Int]] = [:]
    for f in result.findings {
      let path = (f["path"] as! String).replacingOccurrences(of: fixture.tree.path + "/", with: "")
      perFile[path, default: [:]][f["detector"] as! String, default: 0] += 1
    }
    for (file, expected) in manifest.files {
      for (id, count) in expected {
        #expect((perFile[file]?[id] ?? 0) == count, "\(file) \(id)")
      }
    }
  }

  @Test func everyPlantedValueIsFound() throws { try check(chunkSize: nil) }

  /// The same with 64-byte reads: values straddle reads everywhere and must be found once.
  @Test func smallChunksFindTheSame() throws { try check(chunkSize: 64) }

  @Test func noRawValueWithoutReveal() throws {
    let fixture = try Fixture()
    try fixture.write("a.txt", "Name: Jane Roe\nSSN: 123-45-6789\nSSN 234567890\ncard 4111 1111 1111 1111\n")
    let hidden = try fixture.scan()
    #expect(!hidden.stdout.contains("Jane") && !hidden.stdout.contains("Roe"))
    #expect(!hidden.stdout.contains("123-45-6789"))
    #expect(!hidden.stdout.contains("234567890"))
    #expect(!hidden.stdout.contains("1111 1111 1111 1111"))
    #expect(hidden.findings.allSatisfy { $0["value"] == nil })
    let shown = try fixture.scan(["--reveal"])
    #expect(
      Set(shown.findings.compactMap { $0["value"] as? String }) == [
        "Jane Roe", "123-45-6789", "234567890", "4111 1111 1111 1111",
      ])
  }
}
