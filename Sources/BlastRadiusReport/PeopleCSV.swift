/// people.csv, the notification list: one row per affected person. It is itself sensitive, so
/// it is written only with consent and with mode 0600; identifiers stay masked even then.
package enum PeopleCSV {
  package static func render(_ report: ImpactReport) -> String {
    var out = "name,identifiers,triggers,data_elements,files,first_file,key\n"
    for p in report.people {
      let cells: [String] = [
        p.name ?? p.maskedName ?? "",
        p.identifiers.map { "\($0.detector) \($0.masked)" }.joined(separator: "; "),
        p.triggers.map(\.rawValue).joined(separator: ";"),
        p.elements.joined(separator: ";"),
        String(p.fileCount), p.firstFile, p.key ?? "",
      ]
      out += cells.map(TextFormat.csv).joined(separator: ",") + "\n"
    }
    return out
  }
}
