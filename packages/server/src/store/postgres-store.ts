import pg from 'pg'

import type { SqlClient, SqlSession } from './sql-client.js'
import { createSqlStore } from './sql-store.js'
import type { ConsentStore } from './store.js'

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database`; `?options=-c search_path=…` picks a schema. */
  url: string
  /** Connections in the pool. @default 10 */
  poolSize?: number
}

const session = (db: pg.Pool | pg.PoolClient): SqlSession => ({
  query: async <Row>(sql: string, params?: unknown[]) => (await db.query(sql, params)).rows as Row[],
  exec: async sql => {
    // Without parameters `pg` uses the simple protocol, which runs several statements.
    await db.query(sql)
  }
})

/** A PostgreSQL server through a `pg` connection pool, as a `SqlClient`. */
export function postgresClient({ url, poolSize = 10 }: PostgresStoreOptions): SqlClient {
  let pool = new pg.Pool({ connectionString: url, max: poolSize })
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', error => console.error(`consentry: PostgreSQL connection lost: ${error.message}`))
  return {
    ...session(pool),
    async transaction(run) {
      let connection = await pool.connect()
      try {
        await connection.query('BEGIN')
        let result = await run(session(connection))
        await connection.query('COMMIT')
        return result
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        connection.release()
      }
    },
    close: () => pool.end()
  }
}

/**
 * The production store: a PostgreSQL server (managed or your own), shared by as many receiver
 * instances as needed. The schema is created or upgraded on start.
 * @example
 * let store = await postgresStore({ url: process.env.DATABASE_URL! })
 */
export async function postgresStore(options: PostgresStoreOptions): Promise<ConsentStore> {
  let client = postgresClient(options)
  try {
    return await createSqlStore(client)
  } catch (error) {
    await client.close()
    throw error
  }
}
