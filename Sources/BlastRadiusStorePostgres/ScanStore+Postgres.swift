public import BlastRadiusBase
public import BlastRadiusStore

extension ScanStore {
  /// A scan of this host's roots kept in PostgreSQL: resumable and incremental as in SQLite, and
  /// a file's copy scanned on any host under the same configuration is not matched again.
  public convenience init(postgres: PostgresStore, configuration: ScanConfiguration, options: Options)
    throws(BlastRadiusError)
  {
    try self.init(
      driver: PostgresScanWriter(store: postgres, host: configuration.host), configuration: configuration,
      options: options)
  }
}
