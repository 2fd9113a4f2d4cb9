import { createServer } from 'node:http'
import type { RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

import { chromium } from 'playwright-core'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import sirv from 'sirv'
import { afterAll, beforeAll } from 'vitest'

import { CHROMIUM, CHROMIUM_FLAGS } from '../scripts/chromium.mjs'
import { demoSite } from '../scripts/demo-site.mjs'

/** Test host names that all resolve to 127.0.0.1, for cookie-domain tests. */
export const TEST_DOMAIN = 'consentry.test'

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_FLAGS, `--host-resolver-rules=MAP *.${TEST_DOMAIN} 127.0.0.1, MAP ${TEST_DOMAIN} 127.0.0.1`]
  })
}

export interface StaticServer {
  /** The address of a path on the server, reached through `host` (127.0.0.1 by default). */
  url(path: string, host?: string): string
  close(): Promise<void>
}

/** Serves requests on a free port of 127.0.0.1. */
async function listen(handler: RequestListener): Promise<StaticServer> {
  let server = createServer(handler)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  let { port } = server.address() as AddressInfo
  return {
    url: (path, host = '127.0.0.1') => `http://${host}:${port}${path}`,
    close: () => new Promise(resolve => server.close(() => resolve()))
  }
}

/** Serves a folder of the repository (built files included) on a free port of 127.0.0.1. */
export async function serveFolder(folder: string): Promise<StaticServer> {
  let root = fileURLToPath(new URL(`../${folder}`, import.meta.url))
  let serve = sirv(root, { dev: true, extensions: ['html'] })
  return listen((request, response) =>
    serve(request, response, () => {
      response.statusCode = 404
      response.end('Not found')
    })
  )
}

/** The demo site as `pnpm start` serves it (built drop-in under /consentry/), on a free port. */
export async function serveDemoSite(): Promise<StaticServer> {
  return listen(demoSite())
}

export interface DemoSite {
  /** Chromium, started before the file's tests. */
  readonly browser: Browser
  /** The demo site's address, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly origin: string
}

/**
 * For a test file of the examples: starts Chromium and the demo site as `pnpm start` serves it
 * (/consentry/* is the built drop-in, the rest is examples/) before its tests, stops both after.
 */
export function useDemoSite(): DemoSite {
  let browser: Browser | undefined
  let site: StaticServer | undefined
  beforeAll(async () => {
    ;[browser, site] = await Promise.all([launchBrowser(), serveDemoSite()])
  })
  afterAll(async () => {
    await Promise.all([browser?.close(), site?.close()])
  })
  return {
    get browser() {
      return browser as Browser
    },
    get origin() {
      return (site as StaticServer).url('')
    }
  }
}

/** A fresh, isolated browser context and page that records console messages and page errors. */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {}
): Promise<{ page: Page; messages: string[]; errors: string[] }> {
  let context = await browser.newContext(options)
  let page = await context.newPage()
  let messages: string[] = []
  let errors: string[] = []
  page.on('console', message => messages.push(message.text()))
  page.on('pageerror', error => errors.push(error.message))
  return { page, messages, errors }
}
