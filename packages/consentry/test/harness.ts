/// <reference path="../src/global.ts" />
// Shared set-up for the drop-in's real-browser tests: one Chromium and one HTTP server per test
// file, a fresh browser context per test, and small readers for what a visitor or an integrator
// can observe (the consent cookie, the record, focus, console messages, events).
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

import type { Browser, BrowserContext, BrowserContextOptions, Cookie, Locator, Page } from 'playwright-core'
import sirv from 'sirv'
import { afterAll, beforeAll, expect, it as base } from 'vitest'
import type { TestAPI } from 'vitest'

import { launchBrowser } from '../../../test/browser.js'

/** What the tests record in the page itself (see `open`). */
declare global {
  interface Window {
    /** Details of every `consentry:change` event, in order. */
    __changes: unknown[]
    /** Every `securitypolicyviolation` event, as "directive blocked-uri". */
    __violations: string[]
  }
}

const DIST = fileURLToPath(new URL('../dist', import.meta.url))
const PAGES = fileURLToPath(new URL('./pages', import.meta.url))

/** The built drop-in, as a page includes it. */
export const DROP_IN = '/consentry/consentry.min.js'

/** The strict CSP of compliance item T-07. */
export const STRICT_CSP =
  "script-src 'nonce-R4nd0m' 'strict-dynamic'; style-src 'nonce-R4nd0m'; object-src 'none'; base-uri 'none'"

/** The configuration most tests use: every category, services and cookie tables. */
interface FullConfigCookie {
  name: string
  provider: string
  duration: string
  thirdParty: boolean
}
export const FULL_CONFIG = JSON.parse(readFileSync(`${PAGES}/configs/full.json`, 'utf8')) as {
  privacyPolicyUrl: string
  categories: Record<
    string,
    {
      services?: Record<string, { label: string; cookies: FullConfigCookie[] }>
      cookies?: FullConfigCookie[]
    }
  >
}

export interface PageOptions {
  /**
   * The configuration: an object (served as JSON beside the page), a URL for `data-config`, or
   * `null` for a tag without `data-config`. @default "/configs/full.json"
   */
  config?: unknown
  /** `<html lang>`; `null` leaves it out. @default "en" */
  lang?: string | null
  /** Extra markup at the end of `<head>`, after the drop-in tag. */
  head?: string
  /** The page's content. @default a heading, a paragraph, a button, two links and a footer link */
  body?: string
  /** Extra attributes on the drop-in's `<script>` tag, e.g. `nonce="x"`. */
  attributes?: string
}

export const DEFAULT_BODY = `
  <header><h1>Consentry test page</h1></header>
  <main>
    <p>Some page content.</p>
    <p><button type="button" id="page-button">Page button</button></p>
    <p><a href="/other.html">Other page</a></p>
  </main>
  <footer><a href="#" data-consentry="preferences">Cookie settings</a></footer>`

export interface TestServer {
  /** The address of a path on the server. */
  url(path: string): string
  /** Adds response headers to every response for this path (exact pathname). */
  setHeaders(path: string, headers: Record<string, string>): void
  /** Serves a text from memory at this path, before the files of `test/pages`. */
  set(path: string, body: string, type?: string): void
  /** Makes a page that loads the drop-in (see `PageOptions`) and returns its address. */
  page(options?: PageOptions): string
  /** Every path requested so far. */
  readonly requests: string[]
  close(): Promise<void>
}

/**
 * Serves `/consentry/*` from `packages/consentry/dist` (the built drop-in and its `i18n/`) and
 * everything else from `test/pages` (or from memory, see `set` and `page`), on a free port of
 * 127.0.0.1.
 */
export async function startServer(): Promise<TestServer> {
  let dist = sirv(DIST, { dev: true })
  let pages = sirv(PAGES, { dev: true, extensions: ['html'] })
  let headers = new Map<string, Record<string, string>>()
  let memory = new Map<string, { body: string; type: string }>()
  let requests: string[] = []
  let count = 0
  let server = createServer((request, response) => {
    let path = new URL(request.url ?? '/', 'http://localhost').pathname
    requests.push(path)
    for (let [name, value] of Object.entries(headers.get(path) ?? {})) response.setHeader(name, value)
    let notFound = (): void => {
      response.statusCode = 404
      response.end('Not found')
    }
    let file = memory.get(path)
    if (file) {
      response.setHeader('Content-Type', file.type)
      response.setHeader('Cache-Control', 'no-store')
      response.end(file.body)
    } else if (path.startsWith('/consentry/')) {
      request.url = request.url!.slice('/consentry'.length)
      dist(request, response, notFound)
    } else {
      pages(request, response, notFound)
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  let { port } = server.address() as AddressInfo
  let api: TestServer = {
    url: path => `http://127.0.0.1:${port}${path}`,
    setHeaders: (path, values) => headers.set(path, values),
    set: (path, body, type = 'text/html; charset=utf-8') => memory.set(path, { body, type }),
    page({ config = '/configs/full.json', lang = 'en', head = '', body = DEFAULT_BODY, attributes = '' } = {}) {
      let id = ++count
      let source: string | null
      if (config === null || typeof config == 'string') source = config
      else {
        source = `/generated/${id}.json`
        api.set(source, JSON.stringify(config), 'application/json')
      }
      let dataConfig = source === null ? '' : ` data-config="${source}"`
      api.set(
        `/generated/${id}.html`,
        `<!doctype html>
<html${lang === null ? '' : ` lang="${lang}"`}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Consentry test page ${id}</title>
  <script src="${DROP_IN}"${dataConfig}${attributes ? ' ' + attributes : ''}></script>
  ${head}
</head>
<body>${body}</body>
</html>`
      )
      return api.url(`/generated/${id}.html`)
    },
    requests,
    close: () => new Promise(resolve => server.close(() => resolve()))
  }
  return api
}

export interface Visit {
  page: Page
  context: BrowserContext
  /** Console messages, as text. */
  messages: string[]
  /** Uncaught errors in the page. */
  errors: string[]
}

/** Opens a fresh browser context and page (see `Suite.it`). */
export type Open = (options?: BrowserContextOptions) => Promise<Visit>

export interface Suite {
  readonly browser: Browser
  readonly server: TestServer
  /**
   * `it` with an `open` fixture: a fresh browser context and page per call, 1280×800 unless told.
   * Each page records `consentry:change` details in `window.__changes` and CSP violations in
   * `window.__violations`. The contexts are closed after the test, which fails if a page threw an
   * uncaught error.
   */
  readonly it: TestAPI<{ open: Open }>
}

/** Registers the hooks of a test file: one browser and one server, a context per test. */
export function useBrowser(): Suite {
  let browser: Browser | undefined
  let server: TestServer | undefined
  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchBrowser(), startServer()])
  })
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()])
  })
  let it = base.extend<{ open: Open }>({
    // eslint-disable-next-line no-empty-pattern
    open: async ({}, use) => {
      let contexts: BrowserContext[] = []
      let visits: Visit[] = []
      try {
        await use(async (options = {}) => {
          let context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, ...options })
          contexts.push(context)
          await context.addInitScript(() => {
            window.__changes = []
            window.__violations = []
            window.addEventListener('consentry:change', event => window.__changes.push((event as CustomEvent).detail))
            document.addEventListener('securitypolicyviolation', event =>
              window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`)
            )
          })
          let page = await context.newPage()
          let visit: Visit = { page, context, messages: [], errors: [] }
          page.on('console', message => visit.messages.push(message.text()))
          page.on('pageerror', error => visit.errors.push(error.message))
          visits.push(visit)
          return visit
        })
      } finally {
        await Promise.all(contexts.map(context => context.close()))
      }
      for (let visit of visits) expect(visit.errors, 'uncaught errors in the page').toEqual([])
    }
  })
  return {
    get browser() {
      return browser!
    },
    get server() {
      return server!
    },
    it
  }
}

/** The first layer as a labelled region, by its (English) title. */
export const bannerRegion = (page: Page, name = 'We value your privacy'): Locator =>
  page.getByRole('region', { name })

/** The preferences panel, by its (English) heading. */
export const preferencesDialog = (page: Page, name = 'Cookie preferences'): Locator =>
  page.getByRole('dialog', { name })

/** Resolves once the drop-in has started (its configuration loaded and the banner mounted). */
export async function whenReady(page: Page): Promise<void> {
  await page.evaluate(() => window.Consentry!.ready.then(() => undefined))
}

/** The consent cookie, if the browser holds one. */
export async function consentCookie(page: Page, name = 'consentry'): Promise<Cookie | undefined> {
  return (await page.context().cookies()).find(cookie => cookie.name === name)
}

/** The record as `Consentry.getConsent()` returns it. */
export const getConsent = (page: Page) => page.evaluate(() => window.Consentry!.getConsent())

export const hasConsent = (page: Page, category: string, service?: string) =>
  page.evaluate(([category, service]) => window.Consentry!.hasConsent(category!, service), [category, service])

/** The details of the `consentry:change` events so far. */
export const changes = (page: Page) => page.evaluate(() => window.__changes)

/**
 * Reads a value until it passes the check, for what no locator can wait for (cookies, texts of
 * hidden live regions). Unlike `expect.poll`, it needs no vitest test context.
 */
export async function poll<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeout = 5000): Promise<T> {
  let end = Date.now() + timeout
  for (;;) {
    let value = await read()
    if (check(value)) return value
    if (Date.now() > end) throw new Error(`timed out after ${timeout}ms waiting for ${what}; last value: ${JSON.stringify(value)}`)
    await new Promise(resolve => setTimeout(resolve, 25))
  }
}

/**
 * Waits until consentry-follow-up.min.js (log, cleanup) has arrived, for tests that check a sweep
 * right after a decision; the decisions made before it arrives are tested on their own.
 */
export async function whenFollowUpReady(page: Page): Promise<void> {
  await page.waitForFunction(() => 'ConsentryFollowUp' in window)
}

/** Waits until the consent cookie exists and returns it. */
export async function waitForCookie(page: Page, name = 'consentry'): Promise<Cookie> {
  return (await poll(() => consentCookie(page, name), Boolean, `the "${name}" cookie`))!
}

/** Waits until the status live region says this text. */
export async function waitForStatus(page: Page, text: string): Promise<void> {
  await poll(() => page.getByRole('status').textContent(), value => value === text, `status "${text}"`)
}

export interface Focus {
  tag: string
  role: string
  /** Its accessible name, roughly: aria-label, aria-labelledby, else its text. */
  name: string
  /** Whether it is inside the banner's shadow root. */
  inUi: boolean
  /** The name of the closest dialog or region around it (the banner, the panel), if any. */
  within: string
  /** Whether its closest dialog is a modal one in the top layer. */
  inModal: boolean
}

/** The focused element, looking into shadow roots. */
export function focused(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement
    let empty = { tag: 'none', role: '', name: '', inUi: false, within: '', inModal: false }
    if (!element) return empty
    let root = element.getRootNode() as Document | ShadowRoot
    let nameOf = (node: Element): string => {
      let labelledBy = node.getAttribute('aria-labelledby')
      if (labelledBy) {
        return labelledBy
          .split(/\s+/)
          .map(id => root.getElementById(id)?.textContent ?? '')
          .join(' ')
          .trim()
      }
      return (node.getAttribute('aria-label') ?? node.textContent ?? '').trim()
    }
    let container = element.closest('dialog, [role="dialog"], section[aria-labelledby], [role="region"]')
    let dialog = element.closest('dialog')
    return {
      tag: element.tagName.toLowerCase(),
      role: element.getAttribute('role') ?? '',
      name: nameOf(element),
      inUi: root instanceof ShadowRoot,
      within: container ? nameOf(container) : '',
      inModal: !!dialog?.matches(':modal')
    }
  })
}

/** Computed styles of an element (by locator) for the given properties. */
export function styles(locator: Locator, properties: string[]): Promise<Record<string, string>> {
  return locator.evaluate(
    (element, names) => {
      let style = getComputedStyle(element)
      return Object.fromEntries(names.map(name => [name, style.getPropertyValue(name)]))
    },
    properties
  )
}

/** Parses `rgb(r, g, b)` / `rgba(...)` into numbers. */
export function rgb(color: string): [number, number, number] {
  let match = /rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)/.exec(color)
  if (!match) throw new Error(`not an rgb() colour: ${color}`)
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

/** WCAG relative luminance of an `rgb()` colour. */
export function luminance(color: string): number {
  let [r, g, b] = rgb(color).map(value => {
    let channel = value / 255
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG contrast ratio of two `rgb()` colours. */
export function contrast(a: string, b: string): number {
  let [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] }[]
}

/** Runs axe-core on the whole document (open shadow roots included) with the WCAG 2.2 AA tags. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE })
  return page.evaluate(async () => {
    let { axe } = window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }
    let result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] }
    })
    return result.violations.map(violation => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map(node => `${JSON.stringify(node.target)}: ${node.failureSummary ?? ''}`)
    }))
  })
}
