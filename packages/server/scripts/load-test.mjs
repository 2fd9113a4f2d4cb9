// A bounded load test of POST /consent on loopback: autocannon sends a fixed number of distinct
// entries, then the store is counted. It proves that no record is lost (sent == stored) and
// reports requests per second and latency percentiles.
//   pnpm --filter @consentry/server loadtest                   PGlite in a temporary folder
//   pnpm --filter @consentry/server loadtest -- --postgres     PostgreSQL (CONSENTRY_TEST_DATABASE_URL
//                                                              or the ensure-postgres default), in a
//                                                              schema it drops afterwards
//   --requests N (default 5000)  --connections N (default 50)
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath, pathToFileURL } from 'node:url'

import autocannon from 'autocannon'

// Runs in autocannon's worker thread, so the client and the server each have a core.
const SETUP_REQUEST = fileURLToPath(new URL('./load-test-request.cjs', import.meta.url))

/**
 * Sends `requests` entries to `${url}/consent` over `connections` connections and waits for every
 * answer, then counts the store.
 * @returns What was sent and answered, what the store holds, and autocannon's figures.
 */
export async function loadTest({ url, store, requests = 5000, connections = 50 }) {
  let before = await store.count()
  let result = await autocannon({
    url: `${url}/consent`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    amount: requests,
    timeout: 30,
    workers: 1,
    requests: [{ setupRequest: SETUP_REQUEST }]
  })
  let stored = (await store.count()) - before
  return {
    sent: result.requests.sent,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    stored,
    seconds: result.duration,
    requestsPerSecond: Math.round(result['2xx'] / result.duration),
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max }
  }
}

async function main() {
  let { values } = parseArgs({
    // `pnpm loadtest -- --postgres` passes the `--` along.
    args: process.argv.slice(2).filter(arg => arg !== '--'),
    options: { postgres: { type: 'boolean', default: false }, requests: { type: 'string', default: '5000' }, connections: { type: 'string', default: '50' } }
  })
  let { createApp, pgliteStore, postgresStore } = await import('../dist/index.js')
  let { serve } = await import('@hono/node-server')
  let cleanup = async () => {}
  let store
  let storage
  if (values.postgres) {
    let { default: pg } = await import('pg')
    let base = process.env.CONSENTRY_TEST_DATABASE_URL ?? 'postgres://consentry@127.0.0.1:54329/consentry_test'
    let schema = `loadtest_${randomBytes(6).toString('hex')}`
    let admin = new pg.Client({ connectionString: base })
    await admin.connect()
    await admin.query(`CREATE SCHEMA ${schema}`)
    let url = new URL(base)
    url.searchParams.set('options', `-c search_path=${schema}`)
    store = await postgresStore({ url: url.href })
    storage = `PostgreSQL ${(await admin.query('SHOW server_version')).rows[0].server_version} (pg pool of 10)`
    cleanup = async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`)
      await admin.end()
    }
  } else {
    let dataDir = mkdtempSync(join(tmpdir(), 'consentry-loadtest-'))
    store = await pgliteStore({ dataDir })
    storage = 'PGlite (embedded, data folder on disk)'
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true })
  }
  let app = createApp({ store, rateLimit: false })
  let server = await new Promise(resolve => {
    let listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(listening))
  })
  let url = `http://127.0.0.1:${server.address().port}`
  let requests = Number(values.requests)
  let connections = Number(values.connections)
  console.log(`Load test: ${requests} POST /consent, ${connections} connections, ${storage}, Node ${process.version}`)
  let report
  try {
    report = await loadTest({ url, store, requests, connections })
  } finally {
    await new Promise(resolve => server.close(resolve))
    await store.close()
    await cleanup()
  }
  console.log(
    [
      `sent ${report.sent}, answered 2xx ${report.ok}, failed ${report.failed}, stored ${report.stored}`,
      `${report.requestsPerSecond} requests/s over ${report.seconds} s`,
      `latency p50 ${report.latency.p50} ms, p99 ${report.latency.p99} ms, max ${report.latency.max} ms`
    ].join('\n')
  )
  if (report.sent !== requests || report.ok !== requests || report.stored !== requests) {
    console.error(`LOST RECORDS: ${requests} requested, ${report.sent} sent, ${report.ok} answered 2xx, ${report.stored} stored`)
    process.exitCode = 1
  } else {
    console.log('no record lost: sent == stored')
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
