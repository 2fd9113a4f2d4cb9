import { resolve } from 'node:path'

import { serve } from '@hono/node-server'
import type { Context } from 'hono'

import { createApp } from './app.js'
import { readConfig } from './config.js'
import type { Env, ServerConfig } from './config.js'
import { scheduleRetention } from './retention.js'
import { pgliteStore } from './store/pglite-store.js'
import { postgresStore } from './store/postgres-store.js'
import type { ConsentStore } from './store/store.js'

/** A receiver listening for requests. */
export interface RunningServer {
  /** Its address, e.g. `http://127.0.0.1:8787`. */
  url: string
  config: ServerConfig
  store: ConsentStore
  /** Stops listening (requests under way finish), stops the retention job and closes the database. */
  close(): Promise<void>
}

export interface StartOptions {
  /** Where status lines go. @default console.log */
  log?: (line: string) => void
}

/** Where the data lives, for the status line: never the password of a DATABASE_URL. */
const describeStorage = (config: ServerConfig): string => {
  if (!config.databaseUrl) return `PGlite in ${resolve(config.dataDir)}`
  let url = new URL(config.databaseUrl)
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`
}

/**
 * Starts the receiver on Node from environment variables (see `ServerConfig`): opens the store
 * (PGlite in `DATA_DIR`, or PostgreSQL at `DATABASE_URL`), migrates it, schedules the retention
 * purge and listens. Throws, listing every problem, when a variable is set wrong.
 * @example
 * let server = await start({ PORT: '8787', ALLOWED_ORIGINS: 'https://shop.example' })
 */
export async function start(env: Env = process.env, { log = console.log }: StartOptions = {}): Promise<RunningServer> {
  let { config, errors } = readConfig(env)
  if (errors.length > 0) throw new Error(`consentry-server: cannot start:\n- ${errors.join('\n- ')}`)

  let store = config.databaseUrl ? await postgresStore({ url: config.databaseUrl }) : await pgliteStore({ dataDir: config.dataDir })
  let socket = (c: Context): string | undefined =>
    (c.env as { incoming: { socket: { remoteAddress?: string } } }).incoming.socket.remoteAddress
  let app = createApp({
    store,
    origins: config.origins,
    adminToken: config.adminToken,
    rateLimit: config.rateLimit === 0 ? false : { limit: config.rateLimit, windowMs: 60_000 },
    hashIp: config.ipHashSalt ? { salt: config.ipHashSalt } : undefined,
    maxBodyBytes: config.maxBodyBytes,
    // Behind a proxy the socket is the proxy: the hop it appended last is the client.
    clientAddress: config.trustProxy
      ? c => c.req.header('x-forwarded-for')?.split(',').pop()?.trim() || socket(c)
      : socket
  })

  let server: ReturnType<typeof serve>
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      let listening = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(listening))
      listening.once('error', reject)
    })
  } catch (error) {
    await store.close()
    throw error
  }
  let address = server.address()
  let port = typeof address == 'object' && address ? address.port : config.port
  let url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`

  let stopRetention = scheduleRetention({
    store,
    days: config.retentionDays,
    onPurge: count => {
      if (count > 0) log(`consentry-server: purged ${count} entries older than ${config.retentionDays} days`)
    },
    onError: error => console.error('consentry-server: the retention purge failed:', error)
  })
  log(`consentry-server: listening on ${url} (${describeStorage(config)})`)

  return {
    url,
    config,
    store,
    async close() {
      stopRetention()
      await new Promise<void>(resolve => {
        server.close(() => resolve())
        // Keep-alive connections with no request under way would hold close() open.
        if ('closeIdleConnections' in server) server.closeIdleConnections()
      })
      await store.close()
    }
  }
}
