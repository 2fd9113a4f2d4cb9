import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, describe, expect, it } from 'vitest'

// The executable as published: it imports the built dist/cli.js (run `pnpm build` first).
const BIN = fileURLToPath(new URL('../packages/consentry/bin/consentry.mjs', import.meta.url))

const folder = mkdtempSync(join(tmpdir(), 'consentry-cli-'))
const good = join(folder, 'good.json')
const bad = join(folder, 'bad.json')
writeFileSync(good, JSON.stringify({ categories: { essential: { required: true }, analytics: {} } }))
writeFileSync(bad, JSON.stringify({ categories: { analytics: { services: { ga4: { cookies: ['_ga', 42] } } } } }))

afterAll(() => rmSync(folder, { recursive: true, force: true }))

function consentry(...args: string[]) {
  let { status, stdout, stderr } = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' })
  return { status, stdout, stderr }
}

describe('npx consentry validate', () => {
  it('exits 0 for a valid configuration', () => {
    expect(consentry('validate', good)).toEqual({ status: 0, stdout: `${good}: valid\n`, stderr: '' })
  })

  it('prints the path-named problems of a bad configuration and exits 1', () => {
    expect(consentry('validate', bad)).toEqual({
      status: 1,
      stdout:
        `${bad}: config.categories.analytics.services.ga4.cookies[1]: expected a cookie name or "/regex/", got 42\n` +
        `${bad}: 1 problem\n`,
      stderr: ''
    })
  })

  it('prints the problems as JSON with --json', () => {
    let { status, stdout } = consentry('validate', '--json', good, bad)
    expect(status).toBe(1)
    expect(JSON.parse(stdout)).toEqual([
      {
        file: bad,
        path: 'config.categories.analytics.services.ga4.cookies[1]',
        message: 'config.categories.analytics.services.ga4.cookies[1]: expected a cookie name or "/regex/", got 42'
      }
    ])
  })

  it('exits 2 with the usage when the file does not exist', () => {
    let missing = join(folder, 'missing.json')
    let { status, stdout, stderr } = consentry('validate', missing)
    expect(status).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain(`consentry: ${missing}: cannot be read (ENOENT`)
    expect(stderr).toMatch(/\nusage: consentry validate <config\.json>\.\.\.\n$/)
  })

  it('exits 2 with the usage when no command is given', () => {
    expect(consentry()).toEqual({
      status: 2,
      stdout: '',
      stderr: 'consentry: no command given\nusage: consentry validate <config.json>...\n'
    })
  })
})
