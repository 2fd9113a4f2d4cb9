import { describe, expect, it } from 'vitest'

import { backends } from '../test/databases.js'
import { makeEntry, makeOldEntry } from '../test/entries.js'
import { TOKEN, useReceiver } from '../test/receiver.js'
import { hashAddress } from './client-address.js'

/** Parses RFC 4180 CSV, enough to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  let rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    let char = text[index]
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') field += text[++index]
      else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') (row.push(field), (field = ''))
    else if (char === '\r' && text[index + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), index++)
    else field += char
  }
  return rows
}

for (let backend of await backends()) {
  describe.skipIf(!!backend.missing)(`the admin API on ${backend.name}`, () => {
    let suite = useReceiver(backend)

    describe('the admin API', () => {
      it('needs the token: none, a wrong one or an off API answer 401', async () => {
        let app = suite.makeApp()
        let off = suite.makeApp({ adminToken: undefined })
        for (let [response, error] of [
          [await suite.admin(app, '/admin/export', null), 'a valid admin token is required'],
          [await suite.admin(app, '/admin/export', 'wrong-token-0123456789abcdef'), 'a valid admin token is required'],
          [await suite.admin(app, '/admin/stats', `${TOKEN}x`), 'a valid admin token is required'],
          [await app.request('/admin/stats', { headers: { authorization: `Basic ${btoa(`admin:${TOKEN}`)}` } }), 'a valid admin token is required'],
          [await suite.admin(off, '/admin/export', TOKEN), 'the admin API is off: start the server with ADMIN_TOKEN set']
        ] as const) {
          expect(response.status).toBe(401)
          expect(response.headers.get('www-authenticate')).toBe('Bearer realm="consentry"')
          expect(await response.json()).toEqual({ error })
        }
        expect((await suite.admin(app, '/admin/stats')).status).toBe(200)
      })

      it('exports the records of a date range as JSON, oldest first', async () => {
        let app = suite.makeApp({ hashIp: { salt: 'pepper' } })
        let days = ['2026-11-01T09:00:00.000Z', '2026-11-02T23:59:59.999Z', '2026-11-03T00:00:00.000Z']
        let entries = days.map(() => makeEntry())
        for (let [index, day] of days.entries()) {
          suite.time.now = Date.parse(day)
          await suite.post(app, JSON.stringify(entries[index]))
        }
        let response = await suite.admin(app, '/admin/export?from=2026-11-02&to=2026-11-02&format=json')
        expect(response.status).toBe(200)
        expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
        expect(await response.json()).toEqual({
          from: '2026-11-02T00:00:00.000Z',
          to: '2026-11-03T00:00:00.000Z',
          records: [{ receivedAt: days[1], ipHash: await hashAddress('192.0.2.10', 'pepper'), ...entries[1] }]
        })
        let all = (await (await suite.admin(app, '/admin/export')).json()) as { records: { id: string }[] }
        expect(all.records.map(record => record.id)).toEqual(entries.map(entry => entry.id))
        let since = (await (await suite.admin(app, '/admin/export?from=2026-11-02T12:00:00%2B02:00')).json()) as { records: { id: string }[] }
        expect(since.records.map(record => record.id)).toEqual([entries[1].id, entries[2].id])
      })

      it('exports CSV that a spreadsheet reads back field for field', async () => {
        let app = suite.makeApp()
        let entries = Array.from({ length: 6 }, (_, index) =>
          makeEntry({ categories: { essential: true, [`cat-${index}`]: index % 2 === 0 }, services: { [`cat-${index}`]: { '-tag': true } } })
        )
        entries[1] = { ...entries[1], uiLayer: 'second', jurisdictionRule: 'regions.US-CA: opt-out' }
        // From an older SDK: the layer and the rule are null, empty fields in the CSV.
        let old = makeOldEntry(entries[2])
        for (let entry of [entries[0], entries[1], old, ...entries.slice(3)]) expect((await suite.post(app, JSON.stringify(entry))).status).toBe(201)
        let response = await suite.admin(app, '/admin/export?format=csv')
        expect(response.status).toBe(200)
        expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
        expect(response.headers.get('content-disposition')).toBe('attachment; filename="consent-log.csv"')
        let rows = parseCsv(await response.text())
        expect(rows[0]).toEqual([
          'received_at', 'id', 'previous_id', 'at', 'given_at', 'updated_at', 'revision', 'config_hash',
          'language', 'method', 'action', 'gpc', 'page', 'categories', 'services', 'ip_hash',
          'ui_layer', 'jurisdiction_rule'
        ])
        expect(rows).toHaveLength(7)
        let [, first, second, third] = rows
        let entry = entries[0]
        expect(first).toEqual([
          '2026-11-23T10:00:00.000Z', entry.id, '', entry.at, entry.givenAt, entry.updatedAt, '1', entry.configHash,
          'en', 'accept-all', 'accept-all', 'false', entry.page, JSON.stringify(entry.categories), JSON.stringify(entry.services), '',
          'first', 'mode: opt-in'
        ])
        expect([second[1], ...second.slice(-2)]).toEqual([entries[1].id, 'second', 'regions.US-CA: opt-out'])
        expect([third[1], ...third.slice(-2)]).toEqual([old.id, '', ''])
      })

      it('refuses a malformed range or format with 400', async () => {
        let app = suite.makeApp()
        for (let [path, error] of [
          ['/admin/export?from=yesterday', '"from" must be a day (YYYY-MM-DD) or an ISO 8601 time with a zone'],
          ['/admin/export?to=2026-02-30', '"to" must be a day (YYYY-MM-DD) or an ISO 8601 time with a zone'],
          ['/admin/stats?from=2026-11-10&to=2026-11-01', '"from" must be before "to"'],
          ['/admin/export?format=xlsx', '"format" must be json or csv']
        ]) {
          let response = await suite.admin(app, path)
          expect([response.status, await response.json()], path).toEqual([400, { error }])
        }
      })

      it('reports consent rates per category per day', async () => {
        let app = suite.makeApp()
        await suite.post(app, JSON.stringify(makeEntry()))
        await suite.post(app, JSON.stringify(makeEntry({ categories: { essential: true, analytics: false, marketing: false }, method: 'reject-all', action: 'reject-all' })))
        await suite.post(app, JSON.stringify(makeEntry({ categories: { essential: true, analytics: true, marketing: false }, method: 'custom', action: 'custom' })))
        suite.time.now = Date.parse('2026-11-24T09:00:00.000Z')
        await suite.post(app, JSON.stringify(makeEntry()))

        let response = await suite.admin(app, '/admin/stats?from=2026-11-23&to=2026-11-23')
        expect(await response.json()).toEqual({
          from: '2026-11-23T00:00:00.000Z',
          to: '2026-11-24T00:00:00.000Z',
          days: [
            {
              day: '2026-11-23',
              decisions: 3,
              categories: {
                analytics: { granted: 2, refused: 1, rate: 0.6667 },
                essential: { granted: 3, refused: 0, rate: 1 },
                marketing: { granted: 1, refused: 2, rate: 0.3333 }
              }
            }
          ]
        })
      })
    })
  })
}
