import BlastRadiusBase
import BlastRadiusStore
import BlastRadiusStorePostgres

/// Where `--store` points: a SQLite file, or a PostgreSQL database given as
/// `postgres://USER@HOST[:PORT]/DB[?sslmode=…]` (its password from `PGPASSWORD` or `~/.pgpass`).
enum StoreLocation {
  case sqlite(String)
  case postgres(PostgresURL)

  init(_ text: String) throws(BlastRadiusError) {
    self = PostgresURL.isPostgres(text) ? .postgres(try PostgresURL(text)) : .sqlite(text)
  }

  /// The store's records in the JSONL contract, as `StoreDatabase.export` writes them; with
  /// `withoutFalsePositives`, without the findings the console's users marked false positives
  /// (in either store).
  func export(
    scan: Int64?, valuesKey: [UInt8]?, withoutFalsePositives: Bool = false, _ write: ([UInt8]) throws -> Void
  ) throws(BlastRadiusError) -> StoreDatabase.ExportCounts {
    switch self {
    case .sqlite(let path):
      return try StoreDatabase(path: path, create: false).export(
        scan: scan, valuesKey: valuesKey, withoutFalsePositives: withoutFalsePositives, write)
    case .postgres(let url):
      return try PostgresStore(url: url, create: false).export(
        scan: scan, valuesKey: valuesKey, withoutFalsePositives: withoutFalsePositives, write)
    }
  }

  /// The scans kept here.
  func scans() throws(BlastRadiusError) -> [StoredScan] {
    switch self {
    case .sqlite(let path): return try StoreDatabase(path: path, create: false).scans()
    case .postgres(let url): return try PostgresStore(url: url, create: false).scans()
    }
  }

  /// What changed between two scans kept here.
  func compare(scan from: Int64, with to: Int64) throws(BlastRadiusError) -> ScanComparison {
    switch self {
    case .sqlite(let path): return try StoreDatabase(path: path, create: false).compare(scan: from, with: to)
    case .postgres(let url): return try PostgresStore(url: url, create: false).compare(scan: from, with: to)
    }
  }

  /// The console's tables here: users, tokens, decisions, the audit log.
  func console() throws(BlastRadiusError) -> any ConsoleDatabase {
    switch self {
    case .sqlite(let path): return try StoreDatabase(path: path, create: false)
    case .postgres(let url): return try PostgresStore(url: url, create: false)
    }
  }

  /// A scan kept here: SQLite files are created as needed; a PostgreSQL database must have been
  /// set up with `blastradius store init`.
  func scanStore(configuration: ScanConfiguration, options: ScanStore.Options) throws(BlastRadiusError)
    -> ScanStore
  {
    switch self {
    case .sqlite(let path):
      return try ScanStore(
        database: StoreDatabase(path: path, create: true), configuration: configuration, options: options)
    case .postgres(let url):
      return try ScanStore(
        postgres: PostgresStore(url: url, create: false), configuration: configuration, options: options)
    }
  }
}
