// Side-by-side benchmark of Consentry and other cookie-consent SDKs in headless Chromium.
//   node bench/run.mjs            N=15 runs per contender, normal CPU and 4x CPU throttling
//   node bench/run.mjs --quick    2 runs (for CI)
//   node bench/run.mjs --runs 30  any N
// Writes docs/benchmarks.md and bench/results.json.
import { readFileSync, writeFileSync, existsSync, realpathSync } from 'node:fs'
import { createServer } from 'node:http'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib'

import { chromium } from 'playwright-core'
import sirv from 'sirv'

const here = fileURLToPath(new URL('.', import.meta.url))
const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const runsArg = args.indexOf('--runs')
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : quick ? 2 : 15
const THROTTLES = [1, 4]
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

// How to find each library's banner and its buttons. `banner` is evaluated in the page and returns
// the element (or null); `accept` / `reject` are Playwright selectors (CSS pierces open shadow roots).
const ALL_CONTENDERS = [
  { name: 'blank', pkg: null, page: '/blank.html' },
  { name: 'consentry', pkg: 'consentry', page: '/consentry.html',
    banner: `document.querySelector('consentry-ui')?.shadowRoot?.querySelector('.cc-banner')`,
    accept: '.cc-banner [part~="accept-all"]', reject: '.cc-banner [part~="reject-all"]' },
  { name: 'vanilla-cookieconsent', pkg: 'vanilla-cookieconsent', page: '/vanilla-cookieconsent.html',
    banner: `document.querySelector('#cc-main .cm')`,
    accept: '#cc-main .cm [data-role="all"]', reject: '#cc-main .cm [data-role="necessary"]' },
  { name: 'orejime', pkg: 'orejime', page: '/orejime.html',
    banner: `document.querySelector('.orejime-Banner')`,
    accept: '.orejime-Banner-saveButton', reject: '.orejime-Banner-declineButton' },
  { name: 'klaro', pkg: 'klaro', page: '/klaro.html',
    banner: `document.querySelector('.klaro .cookie-notice:not(.cookie-notice-hidden)')`,
    accept: '.cookie-notice .cm-btn-success', reject: '.cookie-notice .cm-btn-danger' },
  { name: 'tarteaucitron', pkg: 'tarteaucitronjs', page: '/tarteaucitron.html',
    banner: `document.querySelector('#tarteaucitronAlertBig')`,
    accept: '#tarteaucitronPersonalize2', reject: '#tarteaucitronAllDenied2' }
]

// `--only klaro,orejime` runs a subset (blank is always kept, for the heap baseline); for debugging.
const onlyArg = args.indexOf('--only')
const only = onlyArg >= 0 ? args[onlyArg + 1].split(',') : null
const CONTENDERS = ALL_CONTENDERS.filter(c => !only || c.name === 'blank' || only.includes(c.name))

// --- static server -------------------------------------------------------------------------------
const dirs = {
  consentry: `${root}packages/consentry/dist`,
  node_modules: `${here}node_modules`,
  pages: `${here}pages`
}
const serve = {
  consentry: sirv(dirs.consentry, { dev: true }),
  node_modules: sirv(dirs.node_modules, { dev: true }),
  pages: sirv(dirs.pages, { dev: true, extensions: ['html'] })
}
/** Maps a served path to its file on disk (for byte counts). */
function fileOf(path) {
  path = decodeURIComponent(path.split('?')[0])
  if (path.startsWith('/consentry/')) return dirs.consentry + path.slice('/consentry'.length)
  if (path.startsWith('/node_modules/')) return dirs.node_modules + path.slice('/node_modules'.length)
  return dirs.pages + path
}
const server = createServer((req, res) => {
  let notFound = () => { res.statusCode = 404; res.end('Not found') }
  for (let prefix of ['consentry', 'node_modules']) {
    if (req.url.startsWith(`/${prefix}/`)) {
      req.url = req.url.slice(prefix.length + 1)
      return serve[prefix](req, res, notFound)
    }
  }
  serve.pages(req, res, notFound)
})
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${server.address().port}`

// --- in-page instrumentation -----------------------------------------------------------------------
function initScript(bannerExpr) {
  return `(() => {
    window.__cls = 0
    try {
      new PerformanceObserver(list => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value
      }).observe({ type: 'layout-shift', buffered: true })
    } catch {}
    window.addEventListener('click', () => { if (window.__clickAt == null) window.__clickAt = performance.now() }, true)
    ${bannerExpr ? `
    const visible = el => el && el.isConnected && el.getBoundingClientRect().width > 0 &&
      el.getBoundingClientRect().height > 0 &&
      el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    const poll = () => {
      let el = null
      try { el = ${bannerExpr} } catch {}
      if (visible(el)) window.__bannerAt = performance.now()
      else requestAnimationFrame(poll)
    }
    requestAnimationFrame(poll)` : ''}
  })()`
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
const sleep = ms => new Promise(r => setTimeout(r, ms))

async function openContext(c, throttle) {
  let context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  let page = await context.newPage()
  let cdp = await context.newCDPSession(page)
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle })
  await page.addInitScript(initScript(c.banner))
  let requests = []
  let errors = []
  page.on('request', r => requests.push({ url: r.url(), phase: null }))
  page.on('pageerror', e => errors.push(e.message))
  return { context, page, cdp, requests, errors }
}
const tagRequests = requests => requests.filter(r => r.url.includes('/stub-tag.js'))

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage')
  let { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize
}

/** One cold run: load, banner visible, CLS, heap, then "Accept all" → the gated tag runs. */
async function measure(c, throttle) {
  let { context, page, cdp, requests, errors } = await openContext(c, throttle)
  let result = { errors }
  try {
    await page.goto(base + c.page, { waitUntil: 'load' })
    if (c.banner) await page.waitForFunction(() => window.__bannerAt != null, null, { timeout: 15000 })
    await sleep(500) // let layout shifts and animations settle
    Object.assign(result, await page.evaluate(() => ({
      bannerAt: window.__bannerAt ?? null,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      cls: window.__cls,
      tagRanBeforeConsent: window.__tagRan != null
    })))
    result.heap = await heapUsed(cdp)
    result.tagRequestedBeforeConsent = tagRequests(requests).length > 0
    result.urls = requests.map(r => new URL(r.url).pathname)
    if (c.accept) {
      await page.click(c.accept, { timeout: 10000 })
      await page.waitForFunction(() => window.__tagRan != null, null, { timeout: 10000 })
      result.acceptToTag = await page.evaluate(() => window.__tagRan - window.__clickAt)
    }
  } catch (error) {
    result.failure = error.message.split('\n')[0]
  } finally {
    await context.close()
  }
  return result
}

/** A cold run that clicks "Reject all" and checks the gated tag is neither requested nor run. */
async function rejectCheck(c, throttle) {
  if (!c.reject) return null
  let { context, page, requests } = await openContext(c, throttle)
  try {
    await page.goto(base + c.page, { waitUntil: 'load' })
    await page.waitForFunction(() => window.__bannerAt != null, null, { timeout: 15000 })
    await page.click(c.reject, { timeout: 10000 })
    await sleep(1000)
    let ran = await page.evaluate(() => window.__tagRan != null)
    return { ok: !ran && tagRequests(requests).length === 0 }
  } catch (error) {
    return { ok: null, failure: error.message.split('\n')[0] }
  } finally {
    await context.close()
  }
}

// --- run, interleaved round-robin -----------------------------------------------------------------
const raw = {}
for (let throttle of THROTTLES) {
  for (let c of CONTENDERS) raw[`${c.name}@${throttle}`] = { runs: [], rejects: [] }
  for (let round = 0; round < RUNS; round++) {
    // rotate the starting contender each round so no one always goes first
    let order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length])
    for (let c of order) {
      let slot = raw[`${c.name}@${throttle}`]
      slot.runs.push(await measure(c, throttle))
      let rej = await rejectCheck(c, throttle)
      if (rej) slot.rejects.push(rej)
    }
    process.stderr.write(`cpu ${throttle}x: round ${round + 1}/${RUNS}\n`)
  }
}
const chromiumVersion = browser.version()
await browser.close()
server.close()

// --- bytes -----------------------------------------------------------------------------------------
function bytesOf(urls) {
  let files = [...new Set(urls.filter(u => /\.(m?js|css)$/.test(u) && !u.endsWith('/stub-tag.js')))]
  let total = { raw: 0, gzip: 0, brotli: 0, files }
  for (let u of files) {
    let path = fileOf(u)
    if (!existsSync(path)) continue
    let buf = readFileSync(path)
    total.raw += buf.length
    total.gzip += gzipSync(buf, { level: 9 }).length
    total.brotli += brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length
  }
  return total
}

// --- statistics --------------------------------------------------------------------------------------
const pct = (xs, p) => {
  xs = xs.filter(x => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b)
  if (!xs.length) return null
  return xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]
}
const stat = xs => ({ median: pct(xs, 50), p90: pct(xs, 90), n: xs.filter(x => typeof x === 'number').length })

function versionOf(c) {
  if (!c.pkg) return '-'
  let file = c.pkg === 'consentry' ? `${root}packages/consentry/package.json` : `${realpathSync(dirs.node_modules + '/' + c.pkg)}/package.json`
  return JSON.parse(readFileSync(file, 'utf8')).version
}

const summary = {}
for (let throttle of THROTTLES) {
  let blankHeap = stat(raw[`blank@${throttle}`].runs.map(r => r.heap)).median
  for (let c of CONTENDERS) {
    let { runs, rejects } = raw[`${c.name}@${throttle}`]
    let ok = runs.filter(r => !r.failure)
    summary[`${c.name}@${throttle}`] = {
      contender: c.name, version: versionOf(c), cpuThrottling: throttle,
      bytes: bytesOf(runs.flatMap(r => r.urls ?? [])),
      bannerVisible: stat(ok.map(r => r.bannerAt)),
      bannerAfterFcp: stat(ok.map(r => (r.bannerAt != null && r.fcp != null ? r.bannerAt - r.fcp : null))),
      fcp: stat(ok.map(r => r.fcp)),
      cls: stat(ok.map(r => r.cls)),
      heapOverBlank: stat(ok.map(r => r.heap - blankHeap)),
      acceptToTag: stat(ok.map(r => r.acceptToTag)),
      gatedBeforeConsent: runs.filter(r => r.tagRequestedBeforeConsent || r.tagRanBeforeConsent).length,
      rejectViolations: rejects.filter(r => r.ok === false).length,
      rejectFailures: rejects.filter(r => r.ok === null).map(r => r.failure),
      rejectChecks: rejects.length,
      failures: runs.filter(r => r.failure).map(r => r.failure),
      pageErrors: [...new Set(runs.flatMap(r => r.errors))]
    }
  }
}

// --- report ---------------------------------------------------------------------------------------------
const machine = {
  date: new Date().toISOString(),
  cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
  memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  os: `${os.type()} ${os.release()} (${os.arch()})`,
  node: process.version,
  chromium: chromiumVersion,
  playwrightCore: JSON.parse(readFileSync(`${realpathSync(dirs.node_modules + '/playwright-core')}/package.json`, 'utf8')).version,
  runs: RUNS
}
writeFileSync(`${here}results.json`, JSON.stringify({ machine, summary, raw }, null, 2) + '\n')

const kb = n => (n / 1024).toFixed(1)
const ms = x => (x == null ? '–' : x.toFixed(0))
const pair = (s, f = ms) => (s.median == null ? '–' : `${f(s.median)} / ${f(s.p90)}`)
function table(throttle) {
  let rows = [
    '| Contender | Version | JS+CSS raw / gzip / br (KiB) | Banner visible, ms (median / p90) | Banner − FCP, ms | CLS (median / p90) | JS heap over blank, KiB | Accept all → tag, ms | Gated tag before consent | After reject |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: |'
  ]
  for (let c of CONTENDERS) {
    let s = summary[`${c.name}@${throttle}`]
    let n = raw[`${c.name}@${throttle}`].runs.length
    let fail = s.failures.length ? ` (${s.failures.length}/${n} runs failed)` : ''
    rows.push(`| ${c.name}${fail} | ${s.version} | ${kb(s.bytes.raw)} / ${kb(s.bytes.gzip)} / ${kb(s.bytes.brotli)} | ` +
      `${c.banner ? pair(s.bannerVisible) : `FCP ${pair(s.fcp)}`} | ${c.banner ? pair(s.bannerAfterFcp) : '–'} | ` +
      `${pair(s.cls, x => x.toFixed(3))} | ${c.name === 'blank' ? '0' : pair(s.heapOverBlank, x => kb(x))} | ` +
      `${c.accept ? pair(s.acceptToTag) : '–'} | ${c.banner ? (s.gatedBeforeConsent ? `✗ ${s.gatedBeforeConsent}/${n}` : '✓ none') : '–'} | ` +
      `${c.reject ? (s.rejectViolations ? `✗ ${s.rejectViolations}/${s.rejectChecks}` : s.rejectFailures.length ? `? ${s.rejectFailures.length}/${s.rejectChecks} failed` : `✓ ${s.rejectChecks}/${s.rejectChecks}`) : '–'} |`)
  }
  return rows.join('\n')
}

const md = `# Benchmarks: Consentry and other cookie-consent SDKs

Generated by \`pnpm --filter @consentry/bench bench${quick ? ' -- --quick' : ''}\` (bench/run.mjs) on ${machine.date}.
${quick ? '\n**Quick mode (2 runs per contender): the numbers are indicative only.**\n' : ''}
Every page is the same article with the four categories (necessary, analytics, preferences, marketing) and
one analytics-gated stub tag, set up the way each library documents (see [bench/pages](../bench/pages)).
Everything is served from 127.0.0.1; each run uses a new browser context (cold cache, no cookies), and the
contenders are interleaved round-robin, ${RUNS} runs each.

- **JS+CSS**: every JS and CSS file the page loaded from the library (lazy-loaded files included), raw,
  gzip -9 and brotli q11 (node:zlib).
- **Banner visible**: from navigation start to the first animation frame in which the banner element has a
  non-zero box and passes \`checkVisibility({ opacityProperty, visibilityProperty })\`. **Banner − FCP** is the gap
  to first contentful paint.
- **CLS**: sum of layout shifts (without recent input) until 500 ms after the banner appeared.
- **JS heap over blank**: \`Runtime.getHeapUsage\` after a forced GC, minus the blank page's median.
- **Accept all → tag**: from the click (capture listener on window) to the gated stub tag's first statement.
- **Gated tag before consent / after reject**: the stub tag must be neither requested nor run before a
  choice, nor after "Reject all" (a separate cold run, 1 s after the click).

## Normal CPU

${table(1)}

## 4x CPU throttling (CDP \`Emulation.setCPUThrottlingRate\`)

${table(4)}

## Machine and versions

| | |
| --- | --- |
| CPU | ${machine.cpu} |
| Memory | ${machine.memory} |
| OS | ${machine.os} |
| Node | ${machine.node} |
| Chromium | ${machine.chromium} (headless, playwright-core ${machine.playwrightCore}) |
| Runs per contender | ${RUNS} |
${CONTENDERS.filter(c => c.pkg).map(c => `| ${c.pkg} | ${versionOf(c)}${c.name === 'consentry' ? ' (packages/consentry/dist/consentry.min.js, workspace build)' : ''} |`).join('\n')}

Files counted per contender:

${CONTENDERS.filter(c => c.pkg).map(c => `- ${c.name}: ${summary[`${c.name}@1`].bytes.files.map(f => `\`${f}\``).join(', ') || '(none)'}`).join('\n')}
${(() => {
  let notes = Object.values(summary).filter(s => s.failures.length || s.pageErrors.length || s.rejectFailures.length)
  return notes.length ? `\nProblems seen:\n\n${notes.map(s => `- ${s.contender} @${s.cpuThrottling}x: ${[...new Set([...s.failures, ...s.rejectFailures])].concat(s.pageErrors).join('; ')}`).join('\n')}\n` : ''
})()}`
writeFileSync(`${root}docs/benchmarks.md`, md)
console.log(table(1))
console.log()
console.log(table(4))
