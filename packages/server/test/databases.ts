// The two storages every store and API test runs against: embedded PGlite in memory and a real
// PostgreSQL server. `node scripts/ensure-postgres.mjs` (run by `pnpm test`) starts the latter at
// the default URL; CONSENTRY_TEST_DATABASE_URL points the tests at another one.
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'

import { pgliteClient } from '../src/store/pglite-store.js'
import { postgresClient } from '../src/store/postgres-store.js'
import type { SqlClient } from '../src/store/sql-client.js'
import { createSqlStore } from '../src/store/sql-store.js'
import type { ConsentStore } from '../src/store/store.js'

/** The database that scripts/ensure-postgres.mjs sets up. */
export const TEST_DATABASE_URL = process.env.CONSENTRY_TEST_DATABASE_URL ?? 'postgres://consentry@127.0.0.1:54329/consentry_test'

/** A store on a fresh, empty database, and the way to empty it again between tests. */
export interface TestDatabase {
  store: ConsentStore
  client: SqlClient
  /** Deletes every entry. */
  clear(): Promise<void>
  /** Closes the store and throws the database away. */
  drop(): Promise<void>
}

export interface Backend {
  name: 'pglite' | 'postgres'
  /** Why this storage cannot be tested here, if it cannot. */
  missing?: string
  open(): Promise<TestDatabase>
}

const answers = (url: string): Promise<boolean> =>
  new Promise(resolve => {
    let { hostname, port } = new URL(url)
    let socket = connect(Number(port || 5432), hostname)
    socket.setTimeout(2000, () => socket.destroy(new Error('timeout')))
    socket.once('connect', () => {
      socket.end()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

const testDatabase = async (client: SqlClient, drop: () => Promise<void>): Promise<TestDatabase> => ({
  // Small pages, so that every listing crosses page boundaries.
  store: await createSqlStore(client, { batchSize: 4 }),
  client,
  clear: () => client.exec('TRUNCATE consent_log'),
  drop
})

const PGLITE_VERSION = (
  JSON.parse(readFileSync(join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '../package.json'), 'utf8')) as {
    version: string
  }
).version

/**
 * A fresh PGlite data folder. A new database takes PGlite 1.5–2.5 s to create and an existing one
 * 0.2 s to open, so each is a copy of an empty one made once per PGlite version and kept in the
 * temporary folder.
 */
export async function pgliteDataDir(): Promise<string> {
  let template = join(tmpdir(), `consentry-pglite-${PGLITE_VERSION}`)
  if (!existsSync(join(template, 'PG_VERSION'))) {
    let building = mkdtempSync(`${template}-building-`)
    await (await PGlite.create(building)).close()
    try {
      renameSync(building, template)
    } catch {
      // Another test file made it first.
      rmSync(building, { recursive: true, force: true })
    }
  }
  let dir = mkdtempSync(join(tmpdir(), 'consentry-test-'))
  cpSync(template, dir, { recursive: true })
  return dir
}

/** A store on a fresh PGlite database. */
export async function pgliteDatabase(): Promise<TestDatabase> {
  let dir = await pgliteDataDir()
  let client = await pgliteClient(dir)
  return testDatabase(client, async () => {
    await client.close()
    rmSync(dir, { recursive: true, force: true })
  })
}

const pglite: Backend = { name: 'pglite', open: pgliteDatabase }

/** A fresh schema on the test server, and the URL whose connections use it. */
export async function postgresSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  // Each test file gets its own schema, so files run in parallel on one database.
  let schema = `test_${randomBytes(6).toString('hex')}`
  let admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  let url = new URL(TEST_DATABASE_URL)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return {
    url: url.href,
    async drop() {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`)
      await admin.end()
    }
  }
}

const postgres: Backend = {
  name: 'postgres',
  async open() {
    let schema = await postgresSchema()
    let client = postgresClient({ url: schema.url, poolSize: 4 })
    return testDatabase(client, async () => {
      await client.close()
      await schema.drop()
    })
  }
}

/**
 * The storages to test. A missing PostgreSQL fails the run in CI; elsewhere its tests are
 * skipped (`missing` says why), so the summary shows them.
 */
export async function backends(): Promise<Backend[]> {
  if (await answers(TEST_DATABASE_URL)) return [pglite, postgres]
  let how = `PostgreSQL does not answer at ${TEST_DATABASE_URL}: run \`node scripts/ensure-postgres.mjs\` or set CONSENTRY_TEST_DATABASE_URL.`
  if (process.env.CI) throw new Error(how)
  return [pglite, { ...postgres, missing: how }]
}
