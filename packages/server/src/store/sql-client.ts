/** The statements of one transaction, on one connection. */
export interface SqlSession {
  /** One statement with `$1`-style parameters; resolves to its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>
  /** Several statements without parameters, as in a migration. */
  exec(sql: string): Promise<void>
}

/**
 * The little the store needs from a PostgreSQL driver, so that PGlite and `pg` run the same SQL.
 * Queries must return the same JS values on both: the store's SQL casts counts to `int` and
 * formats times as text.
 */
export interface SqlClient extends SqlSession {
  transaction<T>(run: (session: SqlSession) => Promise<T>): Promise<T>
  close(): Promise<void>
}
