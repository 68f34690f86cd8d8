/// files.csv: every file with findings, riskiest first, for a spreadsheet or a ticket system.
package enum FilesCSV {
  package static func render(_ report: ImpactReport) -> String {
    var out = "risk,path,people,findings,data_elements,readable_by,mode,owner,uid,gid,size\n"
    for f in report.files {
      let cells: [String] = [
        TextFormat.decimal(f.risk), f.path, String(f.people), String(f.findings),
        f.elements.joined(separator: ";"),
        f.exposure, f.facts.map { "0" + String($0.mode, radix: 8) } ?? "", f.facts?.owner ?? "",
        f.facts.map { String($0.uid) } ?? "", f.facts.map { String($0.gid) } ?? "",
        f.facts.map { String($0.size) } ?? "",
      ]
      out += cells.map(TextFormat.csv).joined(separator: ",") + "\n"
    }
    return out
  }
}
