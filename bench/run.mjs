// Side-by-side benchmark of Consentry and other cookie-consent SDKs in headless Chromium.
//   node bench/run.mjs                   15 runs per contender, normal CPU and 4x CPU throttling
//   node bench/run.mjs --quick           2 runs, normal CPU only, written to --out (a temp folder by default)
//   node bench/run.mjs --runs 30         any N
//   node bench/run.mjs --out DIR         write benchmarks.md, results.json and img/ to DIR
//   node bench/run.mjs --only klaro,orejime   a subset (blank is always kept)
//   node bench/run.mjs --cpu 1,4         the CPU throttling rates
//   node bench/run.mjs --from bench/results.json   redo the report of an earlier run, measuring nothing
// The full run writes docs/benchmarks.md, docs/img/bench-*.svg and bench/results.json.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { chromium } from 'playwright-core'

import { CHROMIUM, CHROMIUM_FLAGS } from '../scripts/chromium.mjs'
import { pickContenders } from './contenders.mjs'
import { charts, headline } from './figures.mjs'
import { measureLoad, measurePageAxe, measurePreferences, measureReject } from './measure.mjs'
import { markdown } from './report.mjs'
import { DIRS, startServer } from './server.mjs'
import { summarize } from './summarize.mjs'

const here = fileURLToPath(new URL('.', import.meta.url))
const root = fileURLToPath(new URL('..', import.meta.url))
const DOCS = join(root, 'docs')

const packageVersion = dir => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
const rootRequire = createRequire(join(root, 'package.json'))

// Where the outputs go: the docs for a full run without `outDir`, else `outDir` (a temp folder for quick runs).
function outputs({ quick, outDir }) {
  if (!outDir && !quick) {
    return { markdown: join(DOCS, 'benchmarks.md'), json: join(here, 'results.json'), img: join(DOCS, 'img') }
  }
  let dir = resolve(outDir ?? join(os.tmpdir(), 'consentry-bench-quick'))
  let paths = { markdown: join(dir, 'benchmarks.md'), json: join(dir, 'results.json'), img: join(dir, 'img') }
  // A quick run's numbers are not worth publishing: it must never replace the committed report.
  if (quick && (paths.markdown === join(DOCS, 'benchmarks.md') || paths.json === join(here, 'results.json'))) {
    throw new Error('A quick run cannot write docs/benchmarks.md or bench/results.json; pass another --out')
  }
  return paths
}

function versionsOf(contenders, summary, throttle) {
  let versions = {}
  for (let c of contenders) {
    if (!c.pkg) versions[c.name] = '-'
    else if (c.pkg === 'consentry') {
      // The workspace build changes between commits, so name it by the content of what was served.
      let files = summary[`consentry@${throttle}`].bytes.preferences.files.concat(summary[`consentry@${throttle}`].bytes.banner.files)
      let builds = [...new Set(files.filter(f => f.path.startsWith('/consentry/')).map(f => `${f.path.slice('/consentry/'.length)} sha256 ${f.sha256}`))]
      versions[c.name] = `${packageVersion(join(root, 'packages/consentry'))} (workspace build: ${builds.join(', ')})`
    } else versions[c.name] = packageVersion(realpathSync(join(DIRS.node_modules, c.pkg)))
  }
  return versions
}

/**
 * Runs the benchmark and writes its report. Contenders are interleaved round-robin, the starting one
 * rotated each round; every run is a cold browser context. Returns everything that was written.
 * @example
 *   let result = await runBench({ quick: true, outDir: '/tmp/bench' })
 *   result.summary['consentry@1'].bytes.banner.gzip
 */
export async function runBench({
  quick = false,
  runs = quick ? 2 : 15,
  throttles = quick ? [1] : [1, 4],
  contenders: only = [],
  outDir,
  log = message => process.stderr.write(`${message}\n`)
} = {}) {
  let contenders = pickContenders(only)
  // Fails before anything runs when the outputs are not allowed.
  outputs({ quick, outDir })
  let server = await startServer()
  let browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
  let chromiumVersion = browser.version()
  let raw = {}
  let axe = {}
  let started = Date.now()
  let loadAtStart = os.loadavg()[0]
  try {
    for (let throttle of throttles) {
      for (let c of contenders) raw[`${c.name}@${throttle}`] = { loads: [], rejects: [], preferences: [] }
      for (let round = 0; round < runs; round++) {
        let order = contenders.map((_, i) => contenders[(i + round) % contenders.length])
        for (let c of order) {
          let slot = raw[`${c.name}@${throttle}`]
          // axe-core's result does not depend on timing: once per contender, at the first CPU rate.
          let withAxe = round === 0 && throttle === throttles[0]
          slot.loads.push(await measureLoad(browser, server.base, c, throttle))
          if (!c.banner) {
            if (withAxe) axe[c.name] = { banner: await measurePageAxe(browser, server.base, c), panel: null }
            continue
          }
          let reject = await measureReject(browser, server.base, c, throttle, { axe: withAxe })
          let preferences = await measurePreferences(browser, server.base, c, throttle, { axe: withAxe })
          if (withAxe) axe[c.name] = { banner: reject.axe ?? null, panel: preferences.axe ?? null }
          delete reject.axe
          delete preferences.axe
          slot.rejects.push(reject)
          slot.preferences.push(preferences)
        }
        log(`cpu ${throttle}x: round ${round + 1}/${runs} (${((Date.now() - started) / 1000).toFixed(0)} s)`)
      }
    }
  } finally {
    await browser.close()
    await server.close()
  }

  let summary = summarize({ contenders, throttles, raw })
  let versions = versionsOf(contenders, summary, throttles[0])
  let machine = {
    date: new Date().toISOString(),
    cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    chromium: chromiumVersion,
    playwrightCore: packageVersion(realpathSync(join(DIRS.node_modules, 'playwright-core'))),
    axeCore: packageVersion(dirname(rootRequire.resolve('axe-core/package.json'))),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    // Other work on the machine adds noise; round-robin spreads it over every contender alike.
    loadAverage: { start: Number(loadAtStart.toFixed(2)), end: Number(os.loadavg()[0].toFixed(2)) }
  }
  let options = { quick, runs, throttles, contenders: contenders.map(c => c.name) }
  return writeReport({ machine, options, versions, axe, summary, raw }, { outDir })
}

/**
 * Writes the markdown, the charts and the JSON of a finished run: what `runBench` does at its end, and
 * `--from results.json` does alone, to redo the report of an earlier run without measuring again.
 * @example
 *   await writeReport(JSON.parse(readFileSync('bench/results.json', 'utf8')))
 */
export async function writeReport(results, { outDir } = {}) {
  let { machine, options, versions, axe, raw } = results
  let { quick, runs, throttles } = options
  let paths = outputs({ quick, outDir })
  let contenders = pickContenders(options.contenders)
  // From the raw runs again, so that a report redone with --from follows the current summarize.mjs.
  let summary = raw ? summarize({ contenders, throttles, raw }) : results.summary
  let data = { contenders, throttles, runs, summary, axe, machine, versions }
  data.headlineRows = headline(data)
  let svgs = charts(data)

  let link = target => relative(dirname(paths.markdown), target).split('\\').join('/')
  let command = quick ? 'node bench/run.mjs --quick' : runs === 15 ? 'pnpm bench' : `node bench/run.mjs --runs ${runs}`
  // The story of what was changed to move Consentry up, kept by hand beside the generated tables.
  let changesFile = join(here, 'changes.md')
  let changes = !quick && existsSync(changesFile) ? readFileSync(changesFile, 'utf8') : ''
  let md = markdown(data, {
    command,
    quick,
    changes,
    links: { img: link(paths.img), json: link(paths.json), pages: link(join(here, 'pages')) }
  })
  mkdirSync(paths.img, { recursive: true })
  let chartFiles = Object.entries(svgs).map(([id, svg]) => {
    let file = join(paths.img, `bench-${id}.svg`)
    writeFileSync(file, svg)
    return file
  })
  writeFileSync(paths.markdown, md)
  writeFileSync(paths.json, JSON.stringify({ machine, options, versions, headline: data.headlineRows, axe, summary, raw }, null, 2) + '\n')
  return { ...data, markdown: md, files: { markdown: paths.markdown, json: paths.json, charts: chartFiles } }
}

function parseArgs(args) {
  let value = name => {
    let i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  let options = { quick: args.includes('--quick') }
  if (value('--runs')) options.runs = Number(value('--runs'))
  if (value('--out')) options.outDir = value('--out')
  if (value('--only')) options.contenders = value('--only').split(',')
  if (value('--cpu')) options.throttles = value('--cpu').split(',').map(Number)
  if (value('--from')) options.from = value('--from')
  return options
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  let options = parseArgs(process.argv.slice(2))
  let result = options.from
    ? await writeReport(JSON.parse(readFileSync(options.from, 'utf8')), options)
    : await runBench(options)
  for (let row of result.headlineRows) {
    console.log(`${row.title} [${row.cpu}]: consentry ${row.text.own}, best peer ${row.text.best}, ${row.ratio}, place ${row.place}`)
  }
  console.log(`\nWrote ${result.files.markdown}, ${result.files.json} and ${result.files.charts.length} charts in ${dirname(result.files.charts[0])}`)
}
