import Foundation
import Testing

/// Legacy Office files as an Office application writes them: LibreOffice converts the project's
/// own `.docx` and `.xlsx` fixtures to `.doc` and `.xls`, and each gives the same findings as the
/// file it came from (same parts, sheets, rows and cells).
struct LegacyOfficeTests {
  /// LibreOffice's launcher, if installed (`scripts/setup --tests` installs it).
  static let libreOffice = ["/usr/bin/libreoffice", "/usr/bin/soffice"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// Converts `file` with LibreOffice to `format` in `folder`, in a profile of its own so that
  /// tests running at the same time do not share one.
  static func convert(_ file: String, to format: String, in folder: URL) throws -> String {
    let profile = folder.appendingPathComponent("lo-profile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    let result = try CLI.execute(
      libreOffice!,
      [
        "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", format, "--outdir",
        folder.path, file,
      ])
    let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let output = folder.appendingPathComponent("\(stem).\(format)").path
    #expect(FileManager.default.fileExists(atPath: output), "libreoffice: \(result.stdout) \(result.stderr)")
    return output
  }

  @Test(.enabled(if: libreOffice != nil, "libreoffice is not installed (scripts/setup --tests installs it)"))
  func docAndXlsWrittenByLibreOfficeMatchTheirSources() throws {
    let fixture = try Fixture()
    let docx = try fixture.write("letter.docx", try DocumentTests.docx(packaged: true))
    let xlsx = try fixture.write("payroll.xlsx", try DocumentTests.xlsx(packaged: true))
    let legacy = fixture.tree.appendingPathComponent("legacy")
    try FileManager.default.createDirectory(at: legacy, withIntermediateDirectories: true)
    _ = try Self.convert(docx, to: "doc", in: legacy)
    _ = try Self.convert(xlsx, to: "xls", in: legacy)
    let result = try fixture.scan()
    // The packaging parts of the sources are XML members without text: only documents count.
    let found = DocumentTests().describe(fixture, result.findings)
    let fromSources = found.filter { !$0.hasPrefix("legacy/") }
    let fromLegacy = Set(
      found.filter { $0.hasPrefix("legacy/") }.map {
        $0.dropFirst("legacy/".count).replacingOccurrences(of: "letter.doc ", with: "letter.docx ")
          .replacingOccurrences(of: "payroll.xls ", with: "payroll.xlsx ")
      })
    #expect(fromSources.count == 12)
    #expect(fromLegacy == fromSources)
    #expect(result.errors.isEmpty)
    let documents = result.summary["documents"] as! [String: Int]
    #expect(documents["doc"] == 1 && documents["xls"] == 1)
  }
}
