import { Hono } from 'hono'

import { csvRow } from './csv.js'
import type { ConsentStore, StoredEntry } from './store/store.js'
import { parseRange } from './time-range.js'

export interface AdminRoutesOptions {
  store: ConsentStore
  /** The bearer token; without one every admin route answers 401. */
  adminToken: string | undefined
}

// Columns added later go at the end, so that the others keep their places in existing sheets.
const CSV_COLUMNS = [
  'received_at', 'id', 'previous_id', 'at', 'given_at', 'updated_at', 'revision', 'config_hash',
  'language', 'method', 'action', 'gpc', 'page', 'categories', 'services', 'ip_hash',
  'ui_layer', 'jurisdiction_rule'
]

const csvLine = ({ receivedAt, ipHash, entry }: StoredEntry): string =>
  csvRow([
    receivedAt, entry.id, entry.previousId, entry.at, entry.givenAt, entry.updatedAt, entry.revision,
    entry.configHash, entry.language, entry.method, entry.action, entry.gpc, entry.page,
    JSON.stringify(entry.categories), JSON.stringify(entry.services), ipHash,
    entry.uiLayer, entry.jurisdictionRule
  ])

const digest = async (text: string): Promise<Uint8Array> =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))

/** Compares digests of both, so the time taken says nothing about the token. */
async function sameToken(given: string, expected: string): Promise<boolean> {
  let [a, b] = await Promise.all([digest(given), digest(expected)])
  let difference = 0
  for (let index = 0; index < a.length; index++) difference |= a[index] ^ b[index]
  return difference === 0
}

/** Streams text pieces as UTF-8, pulling the next piece only when the client has read the last. */
function textStream(pieces: AsyncIterable<string>): ReadableStream<Uint8Array> {
  let encoder = new TextEncoder()
  let iterator = pieces[Symbol.asyncIterator]()
  return new ReadableStream({
    async pull(controller) {
      try {
        let { done, value } = await iterator.next()
        if (done) controller.close()
        else controller.enqueue(encoder.encode(value))
      } catch (error) {
        // The status line is gone already: the client sees a cut-off download.
        console.error('consentry: the export failed:', error)
        controller.error(error)
      }
    },
    async cancel() {
      await iterator.return?.()
    }
  })
}

/** The site owner's routes under `/admin`, behind `Authorization: Bearer <ADMIN_TOKEN>`. */
export function adminRoutes({ store, adminToken }: AdminRoutesOptions): Hono {
  let routes = new Hono()

  routes.use(async (c, next) => {
    let unauthorized = (error: string) => c.json({ error }, 401, { 'WWW-Authenticate': 'Bearer realm="consentry"' })
    if (!adminToken) return unauthorized('the admin API is off: start the server with ADMIN_TOKEN set')
    let match = /^Bearer +(\S+) *$/i.exec(c.req.header('authorization') ?? '')
    if (!match || !(await sameToken(match[1], adminToken))) return unauthorized('a valid admin token is required')
    return next()
  })

  routes.get('/export', c => {
    let { range, error } = parseRange(c.req.query('from'), c.req.query('to'))
    if (!range) return c.json({ error }, 400)
    let format = c.req.query('format') ?? 'json'
    if (format !== 'json' && format !== 'csv') return c.json({ error: '"format" must be json or csv' }, 400)
    let records = store.list(range)
    let from = range.from?.toISOString() ?? null
    let to = range.to?.toISOString() ?? null
    if (format === 'csv') {
      return c.body(
        textStream(
          (async function* () {
            yield csvRow(CSV_COLUMNS)
            for await (let record of records) yield csvLine(record)
          })()
        ),
        200,
        { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="consent-log.csv"' }
      )
    }
    return c.body(
      textStream(
        (async function* () {
          yield `{"from":${JSON.stringify(from)},"to":${JSON.stringify(to)},"records":[`
          let first = true
          for await (let { receivedAt, ipHash, entry } of records) {
            yield (first ? '\n' : ',\n') + JSON.stringify({ receivedAt, ipHash, ...entry })
            first = false
          }
          yield '\n]}\n'
        })()
      ),
      200,
      { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': 'attachment; filename="consent-log.json"' }
    )
  })

  routes.get('/stats', async c => {
    let { range, error } = parseRange(c.req.query('from'), c.req.query('to'))
    if (!range) return c.json({ error }, 400)
    return c.json({
      from: range.from?.toISOString() ?? null,
      to: range.to?.toISOString() ?? null,
      days: await store.stats(range)
    })
  })

  return routes
}
