import { rmSync } from 'node:fs'

import { afterAll, describe, expect, it } from 'vitest'

import { backends, pgliteDataDir, postgresSchema } from '../test/databases.js'
import { makeEntry } from '../test/entries.js'
import { send } from '../test/http.js'
import { runCli } from './cli.js'
import { start } from './start.js'

const TOKEN = 'start-test-token-0123456789'
// An empty database made beforehand, as a fresh one takes PGlite seconds to create.
const dataDir = await pgliteDataDir()
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const json = { 'content-type': 'application/json' }
const postgresMissing = (await backends()).find(backend => backend.name === 'postgres')?.missing

// Each test starts and stops real servers: generous on a busy 2-core machine.
describe('start', { timeout: 30_000 }, () => {
  it('runs on PGlite in DATA_DIR, limits each client by its address, keeps data across restarts and purges old entries', async () => {
    let lines: string[] = []
    let env = { PORT: '0', DATA_DIR: dataDir, ADMIN_TOKEN: TOKEN, RATE_LIMIT: '3', RETENTION_DAYS: '30' }
    let server = await start(env, { log: line => lines.push(line) })
    let kept = makeEntry()
    try {
      expect(lines).toEqual([`consentry-server: listening on ${server.url} (PGlite in ${dataDir})`])
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

      // Two clients on one machine: 127.0.0.2 floods, 127.0.0.3 is not affected.
      let flood: number[] = []
      for (let index = 0; index < 5; index++) {
        let body = JSON.stringify(index === 0 ? kept : makeEntry())
        flood.push((await send(`${server.url}/consent`, { method: 'POST', body, headers: json, from: '127.0.0.2' })).status)
      }
      let limited = await send(`${server.url}/consent`, { method: 'POST', body: JSON.stringify(makeEntry()), headers: json, from: '127.0.0.2' })
      let other = await send(`${server.url}/consent`, { method: 'POST', body: JSON.stringify(makeEntry()), headers: json, from: '127.0.0.3' })
      expect(flood).toEqual([201, 201, 201, 429, 429])
      expect([limited.status, limited.headers['retry-after'], JSON.parse(limited.body)]).toEqual([
        429,
        '60',
        { error: 'too many requests from this network; try again later' }
      ])
      expect(other.status).toBe(201)
      // A body far over the limit, announced or chunked, is refused over a real socket too.
      let big = 'x'.repeat(200_000)
      let announced = await send(`${server.url}/consent`, { method: 'POST', body: big, headers: json, from: '127.0.0.4' })
      let chunked = await send(`${server.url}/consent`, { method: 'POST', body: big, headers: { ...json, 'transfer-encoding': 'chunked' }, from: '127.0.0.5' })
      expect([announced.status, chunked.status]).toEqual([413, 413])
      expect(await server.store.count()).toBe(4)

      // Something received 31 days ago, which the next start purges.
      await server.store.add(makeEntry(), { receivedAt: new Date(Date.now() - 31 * 86_400_000), ipHash: null })
      expect(await server.store.count()).toBe(5)
    } finally {
      await server.close()
    }

    let again = await start(env, { log: () => {} })
    try {
      let history = await send(`${again.url}/consent/${kept.id}`)
      expect(history.status).toBe(200)
      expect(JSON.parse(history.body).records).toMatchObject([{ id: kept.id }])
      await expect.poll(() => again.store.count()).toBe(4)
      expect((await send(`${again.url}/healthz`)).status).toBe(200)
    } finally {
      await again.close()
    }
  })

  it('takes the client from X-Forwarded-For behind a proxy when TRUST_PROXY is set', async () => {
    let server = await start({ PORT: '0', DATA_DIR: dataDir, RATE_LIMIT: '1', TRUST_PROXY: '1' }, { log: () => {} })
    try {
      let post = (client: string) =>
        send(`${server.url}/consent`, { method: 'POST', body: JSON.stringify(makeEntry()), headers: { ...json, 'x-forwarded-for': `10.9.9.9, ${client}` } })
      expect([(await post('192.0.2.1')).status, (await post('192.0.2.1')).status, (await post('192.0.2.2')).status]).toEqual([201, 429, 201])
    } finally {
      await server.close()
    }
  })

  describe.skipIf(!!postgresMissing)('with DATABASE_URL', () => {
    it('stores in PostgreSQL and never prints the password', async () => {
      let schema = await postgresSchema()
      let url = new URL(schema.url)
      url.password = 'not-printed'
      let lines: string[] = []
      let server = await start({ PORT: '0', DATABASE_URL: url.href, ADMIN_TOKEN: TOKEN }, { log: line => lines.push(line) })
      try {
        let entry = makeEntry()
        expect((await send(`${server.url}/consent`, { method: 'POST', body: JSON.stringify(entry), headers: json })).status).toBe(201)
        let exported = await send(`${server.url}/admin/export`, { headers: { authorization: `Bearer ${TOKEN}` } })
        expect(JSON.parse(exported.body).records).toMatchObject([{ id: entry.id }])
        expect(lines).toEqual([`consentry-server: listening on ${server.url} (PostgreSQL at ${url.hostname}:${url.port}${url.pathname})`])
      } finally {
        await server.close()
        await schema.drop()
      }
    })
  })

  it('refuses to start on wrong settings, naming every one', async () => {
    await expect(
      start({ PORT: 'http', ALLOWED_ORIGINS: 'https://shop.example/path', ADMIN_TOKEN: 'short', DATABASE_URL: 'mysql://x' }, { log: () => {} })
    ).rejects.toThrow(
      'consentry-server: cannot start:\n' +
        '- ALLOWED_ORIGINS must list origins such as https://shop.example (scheme, host and port only), comma-separated, or be *\n' +
        '- ADMIN_TOKEN must be at least 16 characters long\n' +
        '- DATABASE_URL must start with postgres:// or postgresql://\n' +
        '- PORT must be a whole number from 0 to 65535'
    )
  })
})

describe('runCli', () => {
  it('prints why it cannot start and exits with 1', async () => {
    let errors: unknown[] = []
    let original = console.error
    console.error = (...args: unknown[]) => errors.push(...args)
    try {
      expect(await runCli({ RETENTION_DAYS: '0' })).toBe(1)
    } finally {
      console.error = original
    }
    expect(errors).toEqual(['consentry-server: cannot start:\n- RETENTION_DAYS must be a whole number from 1 to 36500'])
  })
})
