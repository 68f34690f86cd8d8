import BlastRadiusStore
import Foundation

/// Small well-formed inputs for each harness, for the fuzzer to start from; made here, not copied.
enum Seeds {
  static func make(_ harness: Harness) -> [String: [UInt8]] {
    func text(_ pairs: [(String, String)]) -> [String: [UInt8]] {
      Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, Array($0.1.utf8)) })
    }
    switch harness {
    case .mail:
      return text([
        (
          "multipart.eml",
          "From: hr@example.com\r\nSubject: =?UTF-8?B?UGF5cm9sbA==?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nSSN: 234-56-=\r\n7890\r\n--b1\r\nContent-Type: application/octet-stream; name=\"a.csv\"\r\nContent-Transfer-Encoding: base64\r\n\r\nbmFtZSxzc24KQW5uLDIzNC01Ni03ODkwCg==\r\n--b1--\r\n"
        ),
        (
          "mbox.mbox",
          "From a@b Mon Nov 24 09:00:00 2014\nSubject: one\n\nbody 1\n\nFrom c@d Mon Nov 24 10:00:00 2014\nSubject: two\n\n>From body\n"
        ),
      ])
    case .ooxml:
      return text([
        (
          "document.xml",
          "<w:document><w:body><w:p><w:r><w:t>SSN 234-56-7890</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"
        ),
        (
          "sheet.xml",
          "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>ssn</t></is></c></row><row r=\"2\"><c r=\"B2\"><v>234567890</v></c></row></sheetData></worksheet>"
        ),
        ("shared.xml", "<sst><si><t>name</t></si><si><r><t>Ann</t></r></si></sst>"),
      ])
    case .opendocument:
      return text([
        (
          "content.xml",
          "<office:document-content><office:body><office:text><text:p>SSN <text:span>234-56-7890</text:span></text:p><table:table table:name=\"S\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>Ann</text:p></table:table-cell></table:table-row></table:table></office:text></office:body></office:document-content>"
        )
      ])
    case .markup:
      return text([
        (
          "page.html",
          "<!DOCTYPE html><html><head><title>x</title><style>p{}</style><script type=\"application/json\">{\"ssn\":\"234-56-7890\"}</script></head><body><!-- c --><table><tr><td>Ann<td>345-67-8901</tr></table><input value=\"&#x31;23\"><p>&eacute;&amp;</p></body></html>"
        ),
        (
          "data.xml",
          "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"v\">]><a b=\"1\"><![CDATA[<c>]]><d/></a>"
        ),
      ])
    case .records:
      return text([
        (
          "people.csv",
          "first_name,last_name,ssn,phone\nAnn,Lee,234-56-7890,(415) 555-0100\n\"Bo, Jr.\",Chan,345-67-8901,\n"
        ),
        ("people.tsv", "Name\tSSN\nAnn Lee\t234-56-7890\n"),
        ("letter.txt", "Dear Ann Lee,\nyour SSN 234-56-7890 was exposed.\n"),
      ])
    case .text:
      return [
        "utf16le.txt": [0xFF, 0xFE] + Array("SSN 234".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
        "utf16be.txt": [0xFE, 0xFF] + Array("SSN 234".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] },
        "cp1252.txt": [0x72, 0xE9, 0x73, 0x75, 0x6D, 0xE9, 0x0A, 0x93, 0x71, 0x94],
      ]
    case .json:
      return text([
        (
          "finding.jsonl",
          "{\"kind\":\"finding\",\"path\":\"a\",\"within\":[],\"detector\":\"us_ssn\",\"line\":1,\"evidence\":{\"x\":2},\"value\":\"\\u00e9\\ud83d\\ude00\"}"
        ),
        ("nested.json", "[1,-2.5e3,true,false,null,{\"a\":[[],{}]},\"\\n\\t\\\"\"]"),
      ])
    case .stix:
      return text([
        (
          "bundle.json",
          "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\",\"name\":\"x\",\"pattern_type\":\"stix\",\"pattern\":\"[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'] OR [file:name = 'evil.exe'] OR [domain-name:value = 'evil.example']\"},{\"type\":\"indicator\",\"revoked\":true,\"pattern\":\"[ipv4-addr:value = '10.0.0.1']\"}]}"
        )
      ])
    case .loki:
      return text([
        (
          "hash-iocs.txt",
          "# comment\nd41d8cd98f00b204e9800998ecf8427e;empty file\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855;sha256\n"
        ),
        ("filename-iocs.txt", "\\\\evil\\.exe;80;\\\\good\\.exe\n(?i)mimikatz;100\n"),
        ("c2-iocs.txt", "evil.example\n10.0.0.1\n2001:db8::1\n"),
      ])
    case .rules:
      return text([
        (
          "rules.yaml",
          "rules:\n  - id: employee_id\n    category: hr\n    description: Employee ids\n    patterns: ['EMP-[0-9]{6}']\n    keywords: [employee]\n    confidence: medium\n    validator: luhn\n    allowlist: ['EMP-000000']\n"
        )
      ])
    case .yara:
      return text([
        (
          "rule.yar",
          "import \"hash\"\nrule R : tag { meta: a = \"b\" strings: $a = \"evil\" nocase $b = { 4D 5A ?? [2-4] 00 } $c = /ev[i1]l/ condition: any of them and filesize < 1MB and hash.md5(0, filesize) != \"\" }\n"
        )
      ])
    case .compound:
      // A compound file's header (magic, version 3, 512-byte sectors) over empty sectors, and a
      // compressed RTF stream header: the fuzzer grows the structures from there.
      var header = [UInt8](repeating: 0, count: 1536)
      header.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
      header.replaceSubrange(24..<34, with: [0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0, 6, 0])
      let rtf = Array("{\\rtf1\\ansi SSN 123-45-6789\\par}".utf8)
      let compressedHeader: [UInt8] = [
        UInt8(rtf.count + 12), 0, 0, 0, UInt8(rtf.count), 0, 0, 0, 0x4D, 0x45, 0x4C, 0x41, 0, 0, 0, 0,
      ]
      return ["header.doc": header, "body.rtf": rtf, "uncompressed.bin": compressedHeader + rtf]
    case .outlook:
      // A PST header (magic, Unicode version 23) and an ANSI one: libpff's checks start there.
      var unicode = [UInt8](repeating: 0, count: 1024)
      unicode.replaceSubrange(0..<12, with: Array("!BDN".utf8) + [0, 0, 0x53, 0x4D, 0x0A, 0, 0x17, 0])
      var ansi = unicode
      ansi[10] = 0x0E
      return ["unicode.pst": unicode, "ansi.pst": ansi]
    case .image:
      func u32(_ v: Int) -> [UInt8] {
        [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)]
      }
      let png: [UInt8] =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + u32(13) + Array("IHDR".utf8) + u32(4) + u32(4)
        + [8, 0, 0, 0, 0] + [0, 0, 0, 0]
      let tiff: [UInt8] = [
        0x49, 0x49, 0x2A, 0, 8, 0, 0, 0, 1, 0, 0, 1, 3, 0, 1, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0,
      ]
      let bmp: [UInt8] = Array("BM".utf8) + [UInt8](repeating: 0, count: 52)
      return ["header.png": png, "header.tif": tiff, "header.bmp": bmp, "soi.jpg": [0xFF, 0xD8, 0xFF, 0xE0]]
    case .store:
      var seeds: [String: [UInt8]] = [:]
      Harness.withFile([], suffix: ".db") { path in
        unlink(path)
        if let db = try? StoreDatabase(path: path, create: true),
          let s = try? db.begin("baseline", roots: ["/t"])
        {
          _ = try? db.finish(s)
        }
        if let data = FileManager.default.contents(atPath: path) { seeds["store.db"] = Array(data) }
      }
      return seeds
    }
  }
}
