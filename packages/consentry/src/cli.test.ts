import { readFile } from 'node:fs/promises'

import { validateConfig } from '@consentry/core'
import { describe, expect, it } from 'vitest'

import { runCli, USAGE } from './cli.js'

const EXAMPLES = [
  'esim-store/consent.json',
  'gating/consent.json',
  'gtm/consent.json',
  'script-tag/consent.json',
  'spa-preact/src/consent.json',
  'spa-react/src/consent.json'
]
const GOOD = JSON.stringify({ categories: { essential: { required: true }, analytics: {} } })
const BAD = JSON.stringify({
  categories: { analytics: { services: { ga4: { cookies: ['_ga', 42] } } } },
  cookie: { expiresDays: 500 }
})

/** Runs the command line on in-memory files and collects what it prints. */
async function run(args: string[], files: Record<string, string> = {}) {
  let out: string[] = []
  let err: string[] = []
  let code = await runCli(args, {
    readFile: async path => {
      if (path in files) return files[path]
      throw new Error(`ENOENT: no such file or directory, open '${path}'`)
    },
    out: line => out.push(line),
    err: line => err.push(line)
  })
  return { code, out, err }
}

describe('consentry validate', () => {
  it('says a valid file is valid and exits 0', async () => {
    expect(await run(['validate', 'consent.json'], { 'consent.json': GOOD })).toEqual({
      code: 0,
      out: ['consent.json: valid'],
      err: []
    })
  })

  it('prints each problem with the file name, then the count, and exits 1', async () => {
    expect(await run(['validate', 'consent.json'], { 'consent.json': BAD })).toEqual({
      code: 1,
      out: [
        'consent.json: config.categories.analytics.services.ga4.cookies[1]: expected a cookie name or "/regex/", got 42',
        'consent.json: config.cookie.expiresDays: expected a whole number from 1 to 400, got 500',
        'consent.json: 2 problems'
      ],
      err: []
    })
  })

  it('prints the same messages as the runtime', async () => {
    let config = { revision: '2', categorys: {}, privacyPolicyUrl: 'javascript:alert(1)' }
    let { out } = await run(['validate', 'c.json'], { 'c.json': JSON.stringify(config) })
    let runtime = validateConfig(config).problems.map(problem => `c.json: ${problem.message}`)
    expect(runtime.length).toBeGreaterThan(0)
    expect(out.slice(0, -1)).toEqual(runtime)
  })

  it('adds the build-time checks of the strictly-necessary exemption, which the runtime leaves out (G-09)', async () => {
    let config = {
      categories: { essential: { cookies: ['session'] }, analytics: {} },
      integrations: { metaPixel: { pixelId: '1', category: 'essential' } }
    }
    expect(validateConfig(config).problems).toEqual([])
    expect(await run(['validate', 'c.json'], { 'c.json': JSON.stringify(config) })).toEqual({
      code: 1,
      out: [
        'c.json: config.categories.essential.cookies[0]: a cookie set without consent needs a "description" that says why it is strictly necessary (G-09)',
        'c.json: config.integrations.metaPixel.category: "essential" is a required category: the Meta Pixel would load without consent (G-09)',
        'c.json: 2 problems'
      ],
      err: []
    })
  })

  it('finds every example configuration of this repository valid', async () => {
    let files = Object.fromEntries(
      await Promise.all(
        EXAMPLES.map(async file => [file, await readFile(new URL(`../../../examples/${file}`, import.meta.url), 'utf8')] as const)
      )
    )
    let { code, out } = await run(['validate', ...EXAMPLES], files)
    expect(out).toEqual(EXAMPLES.map(file => `${file}: valid`))
    expect(code).toBe(0)
  })

  it('counts one problem in the singular', async () => {
    let { out } = await run(['validate', 'c.json'], { 'c.json': '{ "revision": 0 }' })
    expect(out.at(-1)).toBe('c.json: 1 problem')
  })

  it('checks every file and exits 1 when any has problems', async () => {
    let { code, out } = await run(['validate', 'bad.json', 'good.json'], { 'good.json': GOOD, 'bad.json': BAD })
    expect(code).toBe(1)
    expect(out.filter(line => !line.includes(': config.'))).toEqual(['bad.json: 2 problems', 'good.json: valid'])
  })

  it('reports a file that is not JSON with the parser\'s message and exits 1', async () => {
    let text = '{ "revision": 2, }'
    let parser = ''
    try {
      JSON.parse(text)
    } catch (error) {
      parser = (error as Error).message
    }
    expect(await run(['validate', 'c.json'], { 'c.json': text })).toEqual({
      code: 1,
      out: [`c.json: invalid JSON: ${parser}`, 'c.json: 1 problem'],
      err: []
    })
  })

  it('accepts a file saved with a byte order mark, as the runtime does', async () => {
    expect((await run(['validate', 'c.json'], { 'c.json': '\uFEFF' + GOOD })).out).toEqual(['c.json: valid'])
  })

  it('prints the problems of every file as one JSON array with --json', async () => {
    let { code, out, err } = await run(['validate', '--json', 'good.json', 'bad.json', 'broken.json'], {
      'good.json': GOOD,
      'bad.json': BAD,
      'broken.json': '{'
    })
    expect(code).toBe(1)
    expect(err).toEqual([])
    expect(out).toHaveLength(1)
    expect(JSON.parse(out[0])).toEqual([
      {
        file: 'bad.json',
        path: 'config.categories.analytics.services.ga4.cookies[1]',
        message: 'config.categories.analytics.services.ga4.cookies[1]: expected a cookie name or "/regex/", got 42'
      },
      {
        file: 'bad.json',
        path: 'config.cookie.expiresDays',
        message: 'config.cookie.expiresDays: expected a whole number from 1 to 400, got 500'
      },
      { file: 'broken.json', path: '', message: expect.stringMatching(/^invalid JSON: /) }
    ])
  })

  it('prints an empty JSON array and exits 0 with --json when every file is valid', async () => {
    expect(await run(['validate', 'c.json', '--json'], { 'c.json': GOOD })).toEqual({ code: 0, out: ['[]'], err: [] })
  })

  it('names a file that cannot be read, still checks the others and exits 2', async () => {
    let { code, out, err } = await run(['validate', 'missing.json', 'good.json'], { 'good.json': GOOD })
    expect(code).toBe(2)
    expect(out).toEqual(['good.json: valid'])
    expect(err).toEqual([
      "consentry: missing.json: cannot be read (ENOENT: no such file or directory, open 'missing.json')",
      USAGE
    ])
  })
})

describe('consentry usage', () => {
  it.each([['--help'], ['-h'], ['validate', '--help'], ['validate', 'c.json', '-h']])(
    'prints the usage and exits 0 for %j',
    async (...args) => {
      expect(await run(args)).toEqual({ code: 0, out: [USAGE], err: [] })
    }
  )

  it.each([
    [[], 'consentry: no command given'],
    [['check', 'c.json'], 'consentry: unknown command "check"'],
    [['validate'], 'consentry: no file given'],
    [['validate', '--json'], 'consentry: no file given'],
    [['validate', '--fix', 'c.json'], 'consentry: unknown option --fix']
  ])('exits 2 with the usage for %j', async (args, reason) => {
    expect(await run(args, { 'c.json': GOOD })).toEqual({ code: 2, out: [], err: [reason, USAGE] })
  })
})
