import { PGlite } from '@electric-sql/pglite'

import type { SqlClient, SqlSession } from './sql-client.js'
import { createSqlStore } from './sql-store.js'
import type { ConsentStore } from './store.js'

export interface PgliteStoreOptions {
  /** The folder of the database files, made if missing; without one the data lives in memory. */
  dataDir?: string
}

const session = (db: Pick<PGlite, 'query' | 'exec'>): SqlSession => ({
  query: async <Row>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows,
  exec: async sql => {
    await db.exec(sql)
  }
})

/** Embedded PostgreSQL (PGlite, WebAssembly) as a `SqlClient`: one process, no server to run. */
export async function pgliteClient(dataDir?: string): Promise<SqlClient> {
  let db = await PGlite.create(dataDir)
  return {
    ...session(db),
    transaction: run => db.transaction(tx => run(session(tx))),
    close: () => db.close()
  }
}

/**
 * The default store: PostgreSQL embedded in the process, kept in a local folder. Only one
 * process may open a folder at a time; for more, use `postgresStore`.
 * @example
 * let store = await pgliteStore({ dataDir: './consentry-data' })
 */
export async function pgliteStore({ dataDir }: PgliteStoreOptions = {}): Promise<ConsentStore> {
  let client = await pgliteClient(dataDir)
  try {
    return await createSqlStore(client)
  } catch (error) {
    await client.close()
    throw error
  }
}
