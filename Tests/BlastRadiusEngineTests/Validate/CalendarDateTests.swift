import Testing

@testable import BlastRadiusBase
@testable import BlastRadiusDetect
@testable import BlastRadiusExtract
@testable import BlastRadiusHunt
@testable import BlastRadiusReport

private func parsedISO(_ s: String, latestYear: Int = 2025) -> String? {
  CalendarDate.parse(Array(s.utf8), latestYear: latestYear)?.iso
}

struct CalendarDateTests {
  @Test(
    arguments: [
      ("01/05/1980", "1980-01-05"),
      ("1/5/1980", "1980-01-05"),
      ("1/05/1980", "1980-01-05"),
      ("01-05-1980", "1980-01-05"),
      ("01.05.1980", "1980-01-05"),
      ("1-5-1980", "1980-01-05"),
      ("12/31/1999", "1999-12-31"),
      ("12/11/1980", "1980-12-11"),  // both ≤ 12: US order wins
      ("05/13/1980", "1980-05-13"),
      ("13/05/1980", "1980-05-13"),  // first > 12: day-first
      ("31.12.1999", "1999-12-31"),
      ("25-1-2001", "2001-01-25"),
      ("1980-01-05", "1980-01-05"),
      ("1980/01/05", "1980-01-05"),
      ("2025-12-31", "2025-12-31"),
    ] as [(String, String)])
  func numericForms(_ input: String, _ iso: String) {
    #expect(parsedISO(input) == iso)
  }

  @Test(arguments: [
    "13/13/1980",  // neither order has a month
    "00/05/1980",
    "01/00/1980",
    "02/30/1980",
    "01/05-1980",  // mixed separators
    "01/05/80",  // two-digit year
    "001/05/1980",
    "01/05/19800",
    "1980.01.05",  // dotted ISO order is not accepted
    "1980-1-5",  // ISO order needs two-digit month and day
    "1980-01-5",
    "1980-13-01",
    "1980-00-10",
    "1980-01-00",
    "1980-01-32",
    "1980-04-31",
    "1980-01-05T00:00",
    " 1980-01-05",
    "1980-01-05 ",
    "on 01/05/1980",
    "01 05 1980",
    "",
  ])
  func rejectedNumeric(_ input: String) {
    #expect(parsedISO(input) == nil)
  }

  @Test(
    arguments: [
      ("1900-02-29", nil),
      ("1900-02-28", "1900-02-28"),
      ("2000-02-29", "2000-02-29"),
      ("2000-02-30", nil),
      ("2004-02-29", "2004-02-29"),
      ("2001-02-29", nil),
      ("02/29/1900", nil),
      ("02/29/2000", "2000-02-29"),
      ("29.02.2000", "2000-02-29"),
      ("29 Feb 2000", "2000-02-29"),
      ("Feb 29, 1900", nil),
    ] as [(String, String?)])
  func leapYears(_ input: String, _ iso: String?) {
    #expect(parsedISO(input) == iso)
  }

  @Test func centuryLeapRuleNeedsLateLatestYear() {
    #expect(parsedISO("2100-02-29", latestYear: 2400) == nil)
    #expect(parsedISO("2400-02-29", latestYear: 2400) == "2400-02-29")
  }

  @Test func yearBounds() {
    #expect(parsedISO("1899-12-31") == nil)
    #expect(parsedISO("1900-01-01") == "1900-01-01")
    #expect(parsedISO("12/31/2025", latestYear: 2025) == "2025-12-31")
    #expect(parsedISO("01/01/2026", latestYear: 2025) == nil)
    #expect(parsedISO("Jan 1, 2026", latestYear: 2025) == nil)
    #expect(parsedISO("01/01/2026", latestYear: 2026) == "2026-01-01")
    #expect(parsedISO("0000-01-01") == nil)
  }

  @Test(
    arguments: [
      ("Jan 5, 1980", "1980-01-05"),
      ("January 5 1980", "1980-01-05"),
      ("5 January 1980", "1980-01-05"),
      ("5 Jan. 1980", "1980-01-05"),
      ("Jan. 5, 1980", "1980-01-05"),
      ("JANUARY 5, 1980", "1980-01-05"),
      ("jan 5 1980", "1980-01-05"),
      ("05 jAn 1980", "1980-01-05"),
      ("5 Jan, 1980", "1980-01-05"),
      ("Jan 5,1980", "1980-01-05"),
      ("Jan  5,  1980", "1980-01-05"),
      ("Feb 28 1999", "1999-02-28"),
      ("Mar 1 2000", "2000-03-01"),
      ("April 30, 1975", "1975-04-30"),
      ("May 17 1960", "1960-05-17"),
      ("May. 17 1960", "1960-05-17"),
      ("Jun 2 1990", "1990-06-02"),
      ("July 4 1976", "1976-07-04"),
      ("Aug 9 1999", "1999-08-09"),
      ("September 30 1999", "1999-09-30"),
      ("Sep. 30 1999", "1999-09-30"),
      ("Oct 31 2000", "2000-10-31"),
      ("November 11 1918", "1918-11-11"),
      ("31 Dec 1999", "1999-12-31"),
    ] as [(String, String)])
  func monthNameForms(_ input: String, _ iso: String) {
    #expect(parsedISO(input) == iso)
  }

  @Test(arguments: [
    "Janu 5 1980",  // neither full nor three letters
    "Sept 5 1980",  // four-letter abbreviation
    "Ja 5 1980",
    "Januaryy 5 1980",
    "January. 5 1980",  // dot only after an abbreviation
    "Jan.. 5 1980",
    "Jan 5 80",
    "Jan 5 01980",
    "Jan 005 1980",
    "Jan5, 1980",
    "Jan 5 ,1980",
    "5January 1980",
    "5 January1980",
    "Jan 32, 1980",
    "Apr 31, 1980",
    "Jan 0, 1980",
    "Jan 5, 1980 ",
    " Jan 5, 1980",
    "born Jan 5, 1980",
    "Jan 5, 1980.",
    "Smarch 5 1980",
    "5 Jan 1980 Jan",
    "January 1980",
  ])
  func rejectedMonthNames(_ input: String) {
    #expect(parsedISO(input) == nil)
  }

  @Test func parsedValuesAndIso() {
    let date = CalendarDate.parse(Array("13/05/1980".utf8), latestYear: 2025)
    #expect(date == CalendarDate(year: 1980, month: 5, day: 13))
    #expect(date?.year == 1980)
    #expect(date?.month == 5)
    #expect(date?.day == 13)
    #expect(CalendarDate(year: 1980, month: 1, day: 5).iso == "1980-01-05")
    #expect(CalendarDate(year: 2000, month: 12, day: 31).iso == "2000-12-31")
  }
}
