// What one cold browser context observes: the load run ("Accept all"), the reject run and the
// preferences run. Everything in the page is recorded by the init script into `window.__bench`.
import { runAxe, settleAnimations } from './axe.mjs'
import { networkBytes } from './bytes.mjs'

// Main-thread figures are taken from navigation start until this long after the banner shows.
const SETTLE_MS = 1000
const TIMEOUT = 15000
// A button that does nothing for this long is broken, not slow (tarteaucitron at 4x needs ~2 s).
const CLICK_TIMEOUT = 8000

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))
const firstLine = error => String(error?.message ?? error).split('\n')[0]

function initScript(c) {
  return `(() => {
    const bench = window.__bench = { cls: 0, longTasks: [], clicks: [], bannerAt: null, panelAt: null }
    const observe = (type, fn) => { try { new PerformanceObserver(list => list.getEntries().forEach(fn)).observe({ type, buffered: true }) } catch {} }
    observe('layout-shift', e => { if (!e.hadRecentInput) bench.cls += e.value })
    observe('longtask', e => bench.longTasks.push({ start: e.startTime, duration: e.duration }))
    window.addEventListener('click', () => bench.clicks.push(performance.now()), true)
    // The click that worked: the last one before the given time.
    bench.clickBefore = at => Math.max(...bench.clicks.filter(t => t <= at))
    // Names of the resources fully received so far (a resource timing entry exists from its responseEnd).
    const received = () => performance.getEntriesByType('resource').map(e => e.name)
    const visible = el => !!el && el.isConnected && el.getBoundingClientRect().width > 0 &&
      el.getBoundingClientRect().height > 0 &&
      el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    const find = { banner: () => ${c.banner ?? 'null'}, panel: () => ${c.panel ?? 'null'} }
    bench.shown = key => { try { return visible(find[key]()) } catch { return false } }
    // Samples in each animation frame, before it paints; records when the element first shows.
    bench.watch = key => {
      const poll = () => {
        if (bench.shown(key)) { bench[key + 'At'] = performance.now(); bench[key + 'Resources'] = received() }
        else requestAnimationFrame(poll)
      }
      requestAnimationFrame(poll)
    }
    ${c.banner ? `bench.watch('banner')` : ''}
  })()`
}

// A new browser context (cold cache, no cookies) with the instrumentation, CPU throttling, the CDP
// Performance domain and every JS/CSS response body kept for byte counts.
async function openContext(browser, c, throttle) {
  let context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  let page = await context.newPage()
  let cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle })
  await page.addInitScript(initScript(c))
  let requests = []
  let bodies = new Map()
  let errors = []
  page.on('request', request => requests.push(request.url()))
  page.on('response', response => {
    let type = response.request().resourceType()
    let contentType = response.headers()['content-type'] ?? ''
    if (type === 'script' || type === 'stylesheet' || /javascript|css/.test(contentType)) {
      // Swallowed here, reported by networkBytes as a missing body.
      bodies.set(response.url(), response.body().catch(() => null))
    }
  })
  page.on('pageerror', error => errors.push(error.message))
  return { context, page, cdp, requests, bodies, errors }
}

const tagRequested = requests => requests.some(url => url.includes('/stub-tag.js'))
const waitFor = (page, fn, arg) => page.waitForFunction(fn, arg, { polling: 50, timeout: TIMEOUT })

// Clicks until the click takes effect (`done` turns true in the page): some libraries show their
// banner before their buttons work (tarteaucitron ignores clicks until its language and services
// files are in), and a visitor would click again, after a second. Returns the number of clicks.
async function clickUntil(page, selector, done) {
  let deadline = Date.now() + CLICK_TIMEOUT
  for (let clicks = 0; ; ) {
    if (await page.evaluate(done)) return clicks
    if (Date.now() > deadline) throw new Error(`Clicking ${selector} had no effect in ${CLICK_TIMEOUT} ms`)
    // A short timeout: once the click worked, the button may be covered by what it opened.
    await page.click(selector, { timeout: 1000 }).then(() => clicks++, () => {})
    await page.waitForFunction(done, null, { polling: 20, timeout: 1000 }).catch(() => {})
  }
}

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage')
  let { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize
}

async function scriptDuration(cdp) {
  let { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find(m => m.name === 'ScriptDuration').value * 1000
}

/**
 * The load run: banner visible, main-thread cost until 1 s later, CLS, heap and the bytes received
 * before the banner showed; then "Accept all" → the gated tag runs.
 */
export async function measureLoad(browser, base, c, throttle) {
  let { context, page, cdp, requests, bodies, errors } = await openContext(browser, c, throttle)
  let result = { errors }
  try {
    await page.goto(base + c.page, { waitUntil: 'load' })
    if (c.banner) await waitFor(page, () => window.__bench.bannerAt != null)
    else await waitFor(page, () => performance.getEntriesByName('first-contentful-paint').length > 0)
    let windowEnd = await page.evaluate(
      settle => (window.__bench.bannerAt ?? performance.getEntriesByName('first-contentful-paint')[0].startTime) + settle,
      SETTLE_MS
    )
    let now = await page.evaluate(() => performance.now())
    await sleep(Math.max(0, windowEnd - now) + 20)
    Object.assign(
      result,
      await page.evaluate(windowEnd => {
        let bench = window.__bench
        let tasks = bench.longTasks.filter(t => t.start < windowEnd)
        return {
          bannerAt: bench.bannerAt,
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
          cls: bench.cls,
          longTasks: tasks.length,
          longestTask: Math.max(0, ...tasks.map(t => t.duration)),
          tbt: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
          bannerResources: bench.bannerResources ?? null,
          tagRanBeforeConsent: window.__tagRan != null
        }
      }, windowEnd)
    )
    result.scriptDuration = await scriptDuration(cdp)
    result.heap = await heapUsed(cdp)
    result.tagRequestedBeforeConsent = tagRequested(requests)
    if (c.banner) result.bytes = await networkBytes(result.bannerResources, bodies)
    delete result.bannerResources
    if (c.accept) {
      await page.click(c.accept, { timeout: TIMEOUT })
      await waitFor(page, () => window.__tagRan != null)
      result.acceptToTag = await page.evaluate(() => window.__tagRan - window.__bench.clickBefore(window.__tagRan))
    }
  } catch (error) {
    result.failure = firstLine(error)
  } finally {
    await context.close()
  }
  return result
}

/**
 * A cold run that clicks "Reject all" as soon as the banner shows, and checks the gated tag is
 * neither requested nor run within 1 s of the banner going away. With `axe`, axe-core first runs
 * on the banner: this run measures no timing, so axe's own work skews nothing.
 */
export async function measureReject(browser, base, c, throttle, { axe = false } = {}) {
  let { context, page, requests } = await openContext(browser, c, throttle)
  let result = {}
  try {
    await page.goto(base + c.page, { waitUntil: 'load' })
    await waitFor(page, () => window.__bench.bannerAt != null)
    if (axe) {
      await settleAnimations(page)
      result.axe = await runAxe(page)
    }
    // The banner going away proves the choice was taken; then the tag has 1 s to (wrongly) load.
    result.clicks = await clickUntil(page, c.reject, () => !window.__bench.shown('banner'))
    await sleep(1000)
    let ran = await page.evaluate(() => window.__tagRan != null)
    result.ok = !ran && !tagRequested(requests)
  } catch (error) {
    result.ok = null
    result.failure = firstLine(error)
  } finally {
    await context.close()
  }
  return result
}

/** axe-core on a page without a banner (the blank baseline). */
export async function measurePageAxe(browser, base, c) {
  let { context, page } = await openContext(browser, c, 1)
  try {
    await page.goto(base + c.page, { waitUntil: 'load' })
    return await runAxe(page)
  } finally {
    await context.close()
  }
}

/**
 * A cold run that opens the preferences panel: the bytes received by the time it is visible and
 * the click → visible latency; then, with `axe`, axe-core on the open panel.
 */
export async function measurePreferences(browser, base, c, throttle, { axe = false } = {}) {
  let { context, page, bodies, errors } = await openContext(browser, c, throttle)
  let result = { errors }
  try {
    await page.goto(base + c.page, { waitUntil: 'load' })
    await waitFor(page, () => window.__bench.bannerAt != null)
    await page.evaluate(() => window.__bench.watch('panel'))
    result.clicks = await clickUntil(page, c.customize, () => window.__bench.panelAt != null)
    let { panelOpen, panelResources } = await page.evaluate(() => {
      let { panelAt, panelResources, clickBefore } = window.__bench
      return { panelOpen: panelAt - clickBefore(panelAt), panelResources }
    })
    result.panelOpen = panelOpen
    result.bytes = await networkBytes(panelResources, bodies)
    if (axe) {
      await settleAnimations(page)
      result.axe = await runAxe(page)
    }
  } catch (error) {
    result.failure = firstLine(error)
  } finally {
    await context.close()
  }
  return result
}
