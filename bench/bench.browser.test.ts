// The benchmark's quick mode as CI runs it (issue #6): it asserts correctness and the size budget,
// never timings. One quick run (2 rounds, normal CPU) feeds every test; it takes about a minute.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// @ts-expect-error: a plain ES module without types; bench/ is outside the type-checked tsconfig.
import { runBench } from './run.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DROP_IN = 'packages/consentry/dist/consentry.min.js'
const CONTENDERS = ['blank', 'consentry', 'consentry-fetch', 'vanilla-cookieconsent', 'orejime', 'klaro', 'tarteaucitron']
const LIBRARIES = CONTENDERS.filter(name => name !== 'blank')
const RUNS = 2

interface Correctness {
  gatedBeforeConsent: number
  tagAfterAccept: number | null
  rejectViolations: number
  rejectPassed: number
  rejectChecks: number
}
interface Bytes {
  raw: number | null
  gzip: number | null
  brotli: number | null
  runs: number
  files: { path: string }[]
}
interface Summary {
  runs: number
  bytes: { banner: Bytes; preferences: Bytes }
  correctness: Correctness
  failures: { loads: string[]; rejects: string[]; preferences: string[] }
}
interface AxeCount {
  violations: number
  details: { id: string; nodes: string[] }[]
}
interface BenchResult {
  summary: Record<string, Summary>
  axe: Record<string, { banner: AxeCount | null; panel: AxeCount | null }>
  files: { markdown: string; json: string; charts: string[] }
}

// The drop-in's size-limit budget in the root package.json, in bytes ("24.6 kB" is 24,600, as size-limit counts).
function dropInBudget(): number {
  let pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { 'size-limit': { path: string; limit: string }[] }
  let entry = pkg['size-limit'].find(check => check.path === DROP_IN)
  if (!entry) throw new Error(`No size-limit entry for ${DROP_IN}`)
  let match = /^([\d.]+)\s*(B|kB|KB|MB)$/.exec(entry.limit.trim())
  if (!match) throw new Error(`Unreadable size-limit: ${entry.limit}`)
  return Math.round(Number(match[1]) * { B: 1, kB: 1000, KB: 1000, MB: 1_000_000 }[match[2]]!)
}

let out: string
let result: BenchResult

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'consentry-bench-'))
  result = await runBench({ quick: true, outDir: out, log: () => {} })
}, 150_000)

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true })
})

const summaryOf = (name: string) => result.summary[`${name}@1`]

describe('bench quick mode', () => {
  it('refuses to write the committed report', async () => {
    await expect(runBench({ quick: true, outDir: join(ROOT, 'docs') })).rejects.toThrow(/cannot write docs\/benchmarks\.md/)
  })

  it('writes the markdown, the JSON and one chart per figure, with every contender', () => {
    let markdown = readFileSync(result.files.markdown, 'utf8')
    let json = JSON.parse(readFileSync(result.files.json, 'utf8')) as { summary: Record<string, unknown> }
    for (let name of CONTENDERS) {
      expect(markdown, name).toContain(`| ${name} |`)
      expect(Object.keys(json.summary), name).toContain(`${name}@1`)
    }
    // The headline says, for each figure, which peers are ahead beyond run-to-run noise.
    expect(markdown).toContain('| Peers ahead beyond noise |')
    expect(markdown).toMatch(/\*\*Consentry has the lowest median on \d+ of \d+ rows, and no peer is ahead of it beyond noise on \d+ of \d+\.\*\*/)
    expect(result.files.charts.length).toBeGreaterThan(0)
    for (let chart of result.files.charts) {
      expect(existsSync(chart), chart).toBe(true)
      expect(readFileSync(chart, 'utf8')).toMatch(/^<svg [^>]*>[\s\S]*consentry[\s\S]*<\/svg>\n$/)
      expect(markdown).toContain(`(img/${chart.split(/[\\/]/).pop()})`)
    }
  })

  for (let name of LIBRARIES) {
    it(`${name}: no gated request before consent or after "Reject all", and the tag runs after "Accept all"`, () => {
      let { correctness, failures } = summaryOf(name)
      expect(failures.loads, 'failed load runs').toEqual([])
      expect(failures.rejects, 'failed reject runs').toEqual([])
      expect(correctness).toEqual({
        gatedBeforeConsent: 0,
        tagAfterAccept: RUNS,
        rejectViolations: 0,
        rejectPassed: RUNS,
        rejectChecks: RUNS
      })
    })

    it(`${name}: JS and CSS are counted from the network, before the banner and with the panel open`, () => {
      let { bytes, failures } = summaryOf(name)
      let { banner, preferences } = bytes
      expect(failures.preferences, 'failed preferences runs').toEqual([])
      expect(banner.runs).toBe(RUNS)
      expect(banner.files.length).toBeGreaterThan(0)
      expect(banner.gzip).toBeGreaterThan(0)
      expect(banner.brotli).toBeLessThanOrEqual(banner.raw!)
      expect(preferences.gzip).toBeGreaterThanOrEqual(banner.gzip!)
    })
  }

  it('consentry: no axe-core violations on the banner and on the preferences panel', () => {
    let { banner, panel } = result.axe.consentry
    expect(banner?.details, 'banner').toEqual([])
    expect(panel?.details, 'preferences panel').toEqual([])
  })

  it("consentry: the bytes received before the banner shows fit the drop-in's size-limit budget", () => {
    let { gzip } = summaryOf('consentry').bytes.banner
    expect(gzip).toBeGreaterThan(0)
    expect(gzip).toBeLessThanOrEqual(dropInBudget())
  })
})
