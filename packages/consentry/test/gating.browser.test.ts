// Tag gating of the built drop-in in Chromium (T-08, G-01): declarative <script type="text/plain">
// tags, iframes and images, contextual placeholders, elements added later, whenGranted and
// loadScript, the vendor integrations (local stubs only), and all of it under a strict CSP (T-07).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

import type { Page } from 'playwright-core'
import { describe, expect } from 'vitest'

import { ran, recordRequests, settle, waitForRan } from './gating-harness.js'
import type { Requests } from './gating-harness.js'
import {
  bannerRegion,
  getConsent,
  poll,
  preferencesDialog,
  STRICT_CSP,
  styles,
  useBrowser,
  waitForCookie,
  whenReady
} from './harness.js'

const suite = useBrowser()
const it = suite.it

/** Every gated URL of pages/gating/tags.html. */
const TAGS_PAGE_URLS = ['/gating/tag-a.js', '/gating/tag-b.js', '/gating/embed.html', '/gating/pixel.svg']
const YOUTUBE_PLACEHOLDER = 'This content is provided by YouTube, which sets Marketing cookies.'

/** How many times each path was requested, from request number `since` on. */
const counts = (requests: Requests, paths: string[], since = 0): Record<string, number> =>
  Object.fromEntries(paths.map(path => [path, requests.count(path, since)]))

const times = (paths: string[], count: number): Record<string, number> => Object.fromEntries(paths.map(path => [path, count]))

/** Adds gated elements to the page's <main> as a script of the site would. */
function addLateElements(page: Page, suffix: string): Promise<void> {
  return page.evaluate(suffix => {
    let main = document.querySelector('main')!
    let external = document.createElement('script')
    external.type = 'text/plain'
    external.dataset.category = 'analytics'
    external.dataset.src = '/gating/tag-c.js'
    let inline = document.createElement('script')
    inline.type = 'text/plain'
    inline.dataset.category = 'analytics'
    inline.textContent = `window.__ran = window.__ran || []; __ran.push('late-inline${suffix}')`
    main.append(external, inline)
    main.insertAdjacentHTML(
      'beforeend',
      `<iframe data-category="marketing" data-src="/gating/embed.html?late${suffix}" title="Late video" width="200" height="120"></iframe>` +
        `<img data-category="analytics" data-src="/gating/pixel.svg?late${suffix}" alt="">`
    )
  }, suffix)
}

describe('declarative gating (T-08, G-01)', () => {
  it('G-01, T-08: before any choice no gated URL is requested and no gated script runs, also for elements added later', async ({
    open
  }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(suite.server.url('/gating/tags.html'))
    await whenReady(page)
    await bannerRegion(page).waitFor()
    await addLateElements(page, '')
    await settle(page)

    expect(await ran(page)).toEqual([])
    expect(counts(requests, [...TAGS_PAGE_URLS, '/gating/tag-c.js'])).toEqual(times([...TAGS_PAGE_URLS, '/gating/tag-c.js'], 0))
    // The iframes and the image have no address yet; each iframe has a placeholder instead.
    expect(await page.locator('iframe[src], img[src]').count()).toBe(0)
    expect(await page.locator('consentry-placeholder').count()).toBe(2)
    expect(await getConsent(page)).toBeNull()
    // Nothing stored either: not even the consent cookie before a decision.
    expect(await context.cookies()).toEqual([])
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0])
    expect(requests.external()).toEqual([])
  })

  it('T-08: after Reject all every gated tag stays blocked and only the "!marketing" fallback runs, once', async ({ open }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(suite.server.url('/gating/tags.html'))
    await bannerRegion(page).getByRole('button', { name: 'Reject all' }).click()
    await waitForCookie(page)
    await addLateElements(page, '')
    // Another decision that still refuses marketing: the fallback does not run again.
    await page.evaluate(() => window.Consentry!.setConsent({ preferences: true }))
    await settle(page)

    expect(await ran(page)).toEqual(['no-marketing'])
    expect(counts(requests, [...TAGS_PAGE_URLS, '/gating/tag-c.js'])).toEqual(times([...TAGS_PAGE_URLS, '/gating/tag-c.js'], 0))
    expect(await page.locator('iframe[src], img[src]').count()).toBe(0)
    expect(requests.external()).toEqual([])
  })

  it('T-08: Accept all requests each gated URL once and runs each tag once in document order, late ones too; a reload runs them at start', async ({
    open
  }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(suite.server.url('/gating/tags.html'))
    await whenReady(page)
    // Added after start, before the grant.
    await addLateElements(page, '-before')
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForRan(page, 5)
    // Added after the grant: runs at once.
    await addLateElements(page, '-after')
    await waitForRan(page, 7)
    // Later decisions do not run anything again.
    await page.evaluate(() => window.Consentry!.setConsent({ preferences: false }))
    await settle(page)

    expect(await ran(page)).toEqual(['a', 'inline-analytics', 'b', 'c', 'late-inline-before', 'c', 'late-inline-after'])
    expect(counts(requests, TAGS_PAGE_URLS)).toEqual(times(TAGS_PAGE_URLS, 1))
    expect(requests.count('/gating/tag-c.js')).toBe(2)
    expect(requests.count('/gating/embed.html?late-before')).toBe(1)
    expect(requests.count('/gating/embed.html?late-after')).toBe(1)
    expect(requests.count('/gating/pixel.svg?late-before')).toBe(1)
    expect(await page.locator('consentry-placeholder').count()).toBe(0)
    expect(await page.getByTitle('Product video').isVisible()).toBe(true)

    let mark = requests.urls.length
    await page.reload()
    await waitForRan(page, 3)
    await settle(page)
    expect(await ran(page)).toEqual(['a', 'inline-analytics', 'b'])
    expect(counts(requests, TAGS_PAGE_URLS, mark)).toEqual(times(TAGS_PAGE_URLS, 1))
    expect(await bannerRegion(page).count()).toBe(0)
    expect(requests.external()).toEqual([])
  })

  it('T-03: a consent cookie lost mid-session (Safari ITP, a cleaner) means undecided: the banner is back and no gated URL is requested', async ({
    open
  }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(suite.server.url('/gating/tags.html'))
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForRan(page, 3)
    // The browser drops the consent cookie while the visitor is still on the site.
    await context.clearCookies({ name: 'consentry' })
    let mark = requests.urls.length
    await page.reload()
    await bannerRegion(page).waitFor()
    await settle(page)
    expect(await getConsent(page)).toBeNull()
    expect(await ran(page)).toEqual([])
    expect(counts(requests, TAGS_PAGE_URLS, mark)).toEqual(times(TAGS_PAGE_URLS, 0))
  })

  it('T-08: ordered scripts run in document order; a slow one is waited for, a 404 and a blocked one do not stall the rest', async ({
    open
  }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    // The first script answers only once the ordered ones before the inline script were requested
    // (the inline one and those after it wait for them): they load out of order.
    await page.route(
      url => url.pathname === '/gating/tag-a.js',
      async route => {
        let others = ['/gating/missing.js', '/gating/tag-b.js', '/gating/blocked.js']
        // Answered anyway after the wait: the order assertion then says what went wrong.
        await poll(async () => others.every(path => requests.count(path) > 0), Boolean, 'the other requests').catch(() => {})
        await route.continue()
      }
    )
    // As an ad blocker would.
    await page.route(
      url => url.pathname === '/gating/blocked.js',
      route => route.abort('blockedbyclient')
    )
    await page.goto(suite.server.url('/gating/order.html'))
    await whenReady(page)
    await page.evaluate(() => window.Consentry!.acceptAll())
    await waitForRan(page, 4)
    await settle(page)

    expect(await ran(page)).toEqual(['a', 'b', 'inline', 'c'])
    expect(counts(requests, ['/gating/tag-a.js', '/gating/missing.js', '/gating/tag-b.js', '/gating/blocked.js', '/gating/tag-c.js'])).toEqual(
      times(['/gating/tag-a.js', '/gating/missing.js', '/gating/tag-b.js', '/gating/blocked.js', '/gating/tag-c.js'], 1)
    )
  })

  it('T-08: a returning visitor\'s tags run once, in document order, when the drop-in starts while the page is still being parsed', async ({
    open
  }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    // A parser-blocking script of the site, answered once the drop-in has started: the tags after
    // it reach the gate only as the parser adds them.
    await page.route(
      url => url.pathname === '/gating/slow.js',
      async route => {
        await poll(() => page.evaluate(() => !!window.Consentry?.consent), Boolean, 'the drop-in to start').catch(() => {})
        await route.fulfill({ contentType: 'text/javascript', body: "window.__ran = window.__ran || []; __ran.push('slow')" })
      }
    )
    await page.goto(suite.server.url('/gating/parsing.html'))
    await whenReady(page)
    await page.evaluate(() => window.Consentry!.acceptAll())
    await waitForRan(page, 6)

    let mark = requests.urls.length
    await page.reload()
    await waitForRan(page, 6)
    await settle(page)
    // The site's own script runs whenever the parser reaches it; the gated ones keep their order.
    expect((await ran(page)).filter(name => name !== 'slow')).toEqual(['a', 'inline-1', 'b', 'inline-2', 'c'])
    expect(counts(requests, ['/gating/tag-a.js', '/gating/tag-b.js', '/gating/tag-c.js'], mark)).toEqual(
      times(['/gating/tag-a.js', '/gating/tag-b.js', '/gating/tag-c.js'], 1)
    )
  })

  it('T-08: data-service gates by service: YouTube allowed alone loads its embed; a tag of the refused Meta service stays blocked', async ({
    open
  }) => {
    let url = suite.server.page({
      config: '/gating/config.json',
      body: `<main>
  <script type="text/plain" data-category="marketing" data-service="meta" data-src="/gating/tag-b.js"></script>
  <script type="text/plain" data-category="marketing" data-service="youtube" data-src="/gating/tag-c.js"></script>
  <iframe data-category="marketing" data-service="youtube" data-src="/gating/embed.html" title="Product video"></iframe>
</main>`
    })
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(url)
    await whenReady(page)
    await page.evaluate(() => window.Consentry!.setConsent({ marketing: { youtube: true, meta: false } }))
    await page.getByTitle('Product video').waitFor()
    await waitForRan(page, 1)
    await settle(page)
    expect(await ran(page)).toEqual(['c'])
    expect(counts(requests, ['/gating/tag-b.js', '/gating/tag-c.js', '/gating/embed.html'])).toEqual({
      '/gating/tag-b.js': 0,
      '/gating/tag-c.js': 1,
      '/gating/embed.html': 1
    })
  })

  it('T-08: activated scripts keep async, defer, integrity, crossorigin, their other attributes, and data-type="module" as type', async ({
    open
  }) => {
    let source = readFileSync(new URL('./pages/gating/tag-d.js', import.meta.url))
    let integrity = `sha384-${createHash('sha384').update(source).digest('base64')}`
    let wrong = `sha384-${createHash('sha384').update('something else').digest('base64')}`
    let url = suite.server.page({
      config: '/gating/config.json',
      body: `<main>
  <script type="text/plain" data-category="analytics" data-src="/gating/tag-module.js" data-type="module" id="module"></script>
  <script type="text/plain" data-category="analytics" data-src="/gating/tag-c.js" async id="async"></script>
  <script type="text/plain" data-category="analytics" data-src="/gating/tag-d.js" defer integrity="${integrity}" crossorigin="anonymous" referrerpolicy="no-referrer" id="sri"></script>
  <script type="text/plain" data-category="analytics" data-src="/gating/tag-b.js" integrity="${wrong}" crossorigin="anonymous" id="bad-sri"></script>
</main>`
    })
    let { page, context, messages } = await open()
    let requests = recordRequests(context)
    await page.goto(url)
    await whenReady(page)
    await page.evaluate(() => window.Consentry!.acceptAll())
    await waitForRan(page, 3)
    await settle(page)

    expect((await ran(page)).sort()).toEqual(['c', 'd', 'module'])
    // The wrong hash is enforced: the browser refused tag-b.js, so integrity was kept.
    expect(requests.count('/gating/tag-b.js')).toBe(1)
    expect(messages.some(message => /integrity/i.test(message))).toBe(true)
    let scripts = await page.evaluate(() =>
      ['module', 'async', 'sri', 'bad-sri'].map(id => {
        let script = document.getElementById(id) as HTMLScriptElement
        return {
          id,
          type: script.getAttribute('type'),
          src: script.getAttribute('src'),
          dataSrc: script.getAttribute('data-src'),
          category: script.dataset.category,
          async: script.async,
          defer: script.defer,
          integrity: script.integrity,
          crossOrigin: script.crossOrigin,
          referrerPolicy: script.referrerPolicy
        }
      })
    )
    expect(scripts).toEqual([
      { id: 'module', type: 'module', src: '/gating/tag-module.js', dataSrc: null, category: 'analytics', async: false, defer: false, integrity: '', crossOrigin: null, referrerPolicy: '' },
      { id: 'async', type: null, src: '/gating/tag-c.js', dataSrc: null, category: 'analytics', async: true, defer: false, integrity: '', crossOrigin: null, referrerPolicy: '' },
      { id: 'sri', type: null, src: '/gating/tag-d.js', dataSrc: null, category: 'analytics', async: false, defer: true, integrity, crossOrigin: 'anonymous', referrerPolicy: 'no-referrer' },
      { id: 'bad-sri', type: null, src: '/gating/tag-b.js', dataSrc: null, category: 'analytics', async: false, defer: false, integrity: wrong, crossOrigin: 'anonymous', referrerPolicy: '' }
    ])
  })
})

describe('embed placeholders (T-08)', () => {
  it('T-08: a blocked iframe gets a named placeholder group in an open shadow root, at its size, with "Load once" and "Allow Marketing cookies"', async ({
    open
  }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(suite.server.url('/gating/tags.html'))
    let group = page.getByRole('group', { name: YOUTUBE_PLACEHOLDER })
    await group.waitFor()
    expect(await group.getByText(YOUTUBE_PLACEHOLDER).isVisible()).toBe(true)
    expect(await group.getByRole('button').allTextContents()).toEqual(['Load once', 'Allow Marketing cookies'])
    let host = page.locator('consentry-placeholder')
    expect(await host.evaluate(element => element.shadowRoot?.mode)).toBe('open')
    // It stands where the iframe will be, at the iframe's size; the iframe is hidden meanwhile.
    expect(await host.evaluate(element => element.nextElementSibling?.getAttribute('title'))).toBe('Product video')
    let box = (await host.boundingBox())!
    expect([Math.round(box.width), Math.round(box.height)]).toEqual([320, 180])
    expect(await page.getByTitle('Product video').isHidden()).toBe(true)

    // "Load once": this embed only, nothing decided, no other tag.
    await group.getByRole('button', { name: 'Load once' }).click()
    await page.getByTitle('Product video').waitFor()
    await settle(page)
    expect(requests.count('/gating/embed.html')).toBe(1)
    expect(await host.count()).toBe(0)
    expect(await getConsent(page)).toBeNull()
    expect(await bannerRegion(page).isVisible()).toBe(true)
    expect(await ran(page)).toEqual([])

    // A later grant does not load it a second time.
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForRan(page, 3)
    await settle(page)
    expect(requests.count('/gating/embed.html')).toBe(1)
  })

  it('T-08: destroy() takes the placeholders away and a new init draws one per embed again', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/gating/tags.html'))
    let group = page.getByRole('group', { name: YOUTUBE_PLACEHOLDER })
    await group.waitFor()
    await page.evaluate(() => window.Consentry!.destroy())
    expect(await page.locator('consentry-placeholder').count()).toBe(0)
    expect(await page.getByTitle('Product video').isVisible()).toBe(true)
    expect(await page.locator('iframe[src]').count()).toBe(0)
    await page.evaluate(() => window.Consentry!.init('/gating/config.json'))
    await group.waitFor()
    expect(await page.locator('consentry-placeholder').count()).toBe(1)
    expect(await page.getByTitle('Product video').isHidden()).toBe(true)
  })

  it('T-08: "Allow Marketing cookies" in a placeholder grants marketing only: the embed and marketing tags load, analytics stays off', async ({
    open
  }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(suite.server.url('/gating/tags.html'))
    await page.getByRole('group', { name: YOUTUBE_PLACEHOLDER }).getByRole('button', { name: 'Allow Marketing cookies' }).click()
    await waitForCookie(page)
    await page.getByTitle('Product video').waitFor()
    await waitForRan(page, 1)
    await settle(page)

    expect(await getConsent(page)).toMatchObject({
      categories: { essential: true, analytics: false, preferences: false, marketing: true }
    })
    expect(await ran(page)).toEqual(['b'])
    expect(counts(requests, TAGS_PAGE_URLS)).toEqual({
      '/gating/tag-a.js': 0,
      '/gating/tag-b.js': 1,
      '/gating/embed.html': 1,
      '/gating/pixel.svg': 0
    })
    expect(await page.locator('consentry-placeholder').count()).toBe(0)
  })
})

describe('page API: whenGranted and loadScript', () => {
  it('T-08: Consentry.whenGranted and Consentry.loadScript from a page script wait for their category and run once; a cancelled one never runs', async ({ open }) => {
    let url = suite.server.page({
      config: '/gating/config.json',
      head: `<script>
  window.__ran = []
  Consentry.whenGranted('analytics', function () { __ran.push('whenGranted analytics') })
  var cancel = Consentry.whenGranted('analytics', function () { __ran.push('cancelled') })
  cancel()
  Consentry.loadScript('/gating/tag-c.js', 'marketing').then(function () { __ran.push('loadScript resolved') })
  Consentry.loadScript('/gating/missing.js', 'marketing').catch(function (error) { __ran.push('loadScript rejected: ' + error.message) })
</script>`
    })
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(url)
    await whenReady(page)
    await settle(page)
    expect(await ran(page)).toEqual([])
    expect(requests.count('/gating/tag-c.js')).toBe(0)

    // Analytics only, from the panel.
    await bannerRegion(page).getByRole('button', { name: 'Customize' }).click()
    let dialog = preferencesDialog(page)
    await dialog.getByRole('switch', { name: 'Analytics' }).click()
    await dialog.getByRole('button', { name: 'Save choices' }).click()
    await waitForRan(page, 1)
    await settle(page)
    expect(await ran(page)).toEqual(['whenGranted analytics'])
    expect(requests.count('/gating/tag-c.js')).toBe(0)

    await page.evaluate(() => window.Consentry!.setConsent({ marketing: true }))
    await waitForRan(page, 4)
    await page.evaluate(() => window.Consentry!.setConsent({ preferences: true }))
    await settle(page)
    let names = await ran(page)
    expect(names[0]).toBe('whenGranted analytics')
    // The two loads settle in whichever order they come back; a script resolves after it ran.
    expect([...names].sort()).toEqual([
      'c',
      'loadScript rejected: consentry: could not load /gating/missing.js',
      'loadScript resolved',
      'whenGranted analytics'
    ])
    expect(names.indexOf('c')).toBeLessThan(names.indexOf('loadScript resolved'))
    expect(requests.count('/gating/tag-c.js')).toBe(1)
    expect(requests.count('/gating/missing.js')).toBe(1)
  })
})

describe('integrations (G-01, CM-09)', () => {
  it('G-01: gtag.js and GTM load with ?id= only once analytics is granted, the Meta Pixel only once marketing is, each once', async ({
    open
  }) => {
    let url = suite.server.page({ config: '/gating/integrations.json' })
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(url)
    await whenReady(page)
    await settle(page)
    expect(requests.paths().filter(path => path.includes('/gating/stub-'))).toEqual([])
    expect(await page.evaluate(() => typeof (window as { fbq?: unknown }).fbq)).toBe('undefined')

    await bannerRegion(page).getByRole('button', { name: 'Customize' }).click()
    let dialog = preferencesDialog(page)
    await dialog.getByRole('switch', { name: 'Analytics' }).click()
    await dialog.getByRole('button', { name: 'Save choices' }).click()
    await waitForRan(page, 2)
    await settle(page)
    expect((await ran(page)).sort()).toEqual(['gtag?id=G-TEST1', 'gtm?id=GTM-TEST1'])
    expect(requests.paths().filter(path => path.includes('/gating/stub-'))).toEqual(
      expect.arrayContaining(['/gating/stub-gtag.js?id=G-TEST1', '/gating/stub-gtm.js?id=GTM-TEST1'])
    )
    expect(requests.count('/gating/stub-fbevents.js')).toBe(0)

    await page.getByRole('link', { name: 'Cookie settings' }).click()
    await dialog.getByRole('switch', { name: 'Marketing' }).click()
    await dialog.getByRole('button', { name: 'Save choices' }).click()
    await waitForRan(page, 3)
    await settle(page)
    expect(await page.evaluate(() => window.__fbq)).toEqual([
      ['init', '123'],
      ['track', 'PageView']
    ])
    expect(requests.paths().filter(path => path.includes('/gating/stub-')).sort()).toEqual([
      '/gating/stub-fbevents.js',
      '/gating/stub-gtag.js?id=G-TEST1',
      '/gating/stub-gtm.js?id=GTM-TEST1'
    ])
    expect(requests.external()).toEqual([])
  })
})

/** The strict policy without 'strict-dynamic': every inserted script then needs the nonce itself. */
const NONCE_ONLY_CSP = "script-src 'nonce-R4nd0m'; style-src 'nonce-R4nd0m'; object-src 'none'; base-uri 'none'"

describe('strict CSP (T-07)', () => {
  it.for([
    ["'strict-dynamic'", STRICT_CSP],
    ['nonce-only', NONCE_ONLY_CSP]
  ])('T-07: under a %s CSP, gated inline and external scripts, the vendor stubs and the styled placeholder work with zero violations', async (
    [, policy],
    { open }
  ) => {
    suite.server.setHeaders('/gating/csp.html', { 'Content-Security-Policy': policy })
    let { page, context, messages } = await open({ colorScheme: 'light' })
    let requests = recordRequests(context)
    let response = await page.goto(suite.server.url('/gating/csp.html'))
    expect(response?.headers()['content-security-policy']).toBe(policy)

    let group = page.getByRole('group', { name: 'This content is provided by Example Video, which sets Marketing cookies.' })
    await group.waitFor()
    // Styled by its own stylesheet: the default accent, 44px targets.
    expect(await styles(group.getByRole('button', { name: 'Load once' }), ['background-color', 'min-height', 'font-weight'])).toEqual({
      'background-color': 'rgb(11, 87, 208)',
      'min-height': '44px',
      'font-weight': '600'
    })
    expect(await ran(page)).toEqual([])

    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForRan(page, 6)
    await page.getByTitle('Video').waitFor()
    await settle(page)
    expect((await ran(page)).sort()).toEqual(['a', 'fbevents', 'gtag?id=G-TEST1', 'gtm?id=GTM-TEST1', 'inline', 'inline-without-nonce'])
    expect(requests.count('/gating/embed.html')).toBe(1)
    // Every script the drop-in inserted carries the page's nonce (read by property: the attribute is hidden).
    expect(
      await page.evaluate(() =>
        Array.from(document.scripts)
          // The panel's file, preloaded when the page is idle, is checked below once the panel is open.
          .filter(script => script !== document.querySelector('script[src*="consentry.min.js"]') && !script.src.includes('consentry-panel.min.js'))
          .map(script => `${script.getAttribute('src')?.replace(location.origin, '') ?? /push\('([^']+)'\)/.exec(script.textContent!)?.[1]} ${script.nonce}`)
          .sort()
      )
    ).toEqual([
      '/consentry/consentry-follow-up.min.js R4nd0m',
      // The placeholders' file, asked for when the gate met the blocked iframe.
      '/consentry/consentry-placeholders.min.js R4nd0m',
      '/gating/stub-fbevents.js R4nd0m',
      '/gating/stub-gtag.js?id=G-TEST1 R4nd0m',
      '/gating/stub-gtm.js?id=GTM-TEST1 R4nd0m',
      '/gating/tag-a.js R4nd0m',
      'inline R4nd0m',
      'inline-without-nonce R4nd0m'
    ])
    expect(await page.evaluate(() => window.__violations)).toEqual([])
    expect(messages.filter(message => /Content Security Policy/i.test(message))).toEqual([])
    expect(requests.external()).toEqual([])

    // The panel's code is a second script, inserted with the nonce; its stylesheet is adopted.
    await page.evaluate(() => window.Consentry!.showPreferences())
    await preferencesDialog(page).getByRole('switch', { name: 'Analytics' }).waitFor()
    expect(await page.evaluate(() => document.querySelector<HTMLScriptElement>('script[src*="consentry-panel.min.js"]')?.nonce)).toBe('R4nd0m')
    expect(await page.evaluate(() => window.__violations)).toEqual([])
  })
})
