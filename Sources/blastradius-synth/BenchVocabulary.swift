/// The word lists of `NameBank` as byte tables, built once per run and shared read-only by the file writers.
final class BenchVocabulary: Sendable {
  let commonWords = ByteTable(NameBank.commonWords)
  let contentWords = ByteTable(NameBank.contentWords)
  let firstNames = ByteTable(NameBank.firstNames)
  let firstNamesLower = ByteTable(NameBank.firstNames.map { $0.lowercased() })
  let lastNames = ByteTable(NameBank.lastNames)
  let lastNamesLower = ByteTable(NameBank.lastNames.map { $0.lowercased() })
  let cities = ByteTable(NameBank.cities)
  let emailDomains = ByteTable(NameBank.emailDomains)
  let services = ByteTable(NameBank.services)
  let logLevels = ByteTable(NameBank.logLevels)
  let resources = ByteTable(NameBank.resources)
  let methods = ByteTable(["GET", "GET", "GET", "POST", "PUT", "DELETE"])
  let statuses = [200, 200, 200, 200, 201, 204, 302, 304, 400, 401, 403, 404, 409, 500, 503]
  let areaCodes = NameBank.areaCodes
}
