import { execFileSync, execSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
let dir: string
let files: Record<string, string[]>

// What users install: `pnpm pack` applies publishConfig (exports to dist), then npm installs the
// tarballs into a blank project, as a site would from the registry.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'consentry-pack-'))
  files = {}
  for (let name of ['core', 'ui', 'consentry']) {
    let output = execSync(`pnpm pack --pack-destination ${dir}`, { cwd: join(root, 'packages', name), encoding: 'utf8' })
    let tarball = output.trim().split('\n').pop() as string
    files[name] = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n')
  }
  let project = join(dir, 'site')
  mkdirSync(project)
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'site', private: true, type: 'module' }))
  execSync(`npm install ${['consentry-core-0.1.0.tgz', 'consentry-ui-0.1.0.tgz', 'consentry-0.1.0.tgz'].map(file => join(dir, file)).join(' ')} --no-audit --no-fund --loglevel=error`, {
    cwd: project,
    stdio: 'pipe'
  })
}, 120_000)

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('the published packages', () => {
  it('give marketers a validate command (npx consentry validate)', () => {
    let site = join(dir, 'site')
    writeFileSync(join(site, 'consent.json'), JSON.stringify({ revision: 'two' }))
    let result = (() => {
      try {
        return { code: 0, out: execFileSync(join(site, 'node_modules/.bin/consentry'), ['validate', 'consent.json'], { cwd: site, encoding: 'utf8' }) }
      } catch (error) {
        let failed = error as { status: number; stdout: string }
        return { code: failed.status, out: failed.stdout }
      }
    })()
    expect(result).toEqual({
      code: 1,
      out: 'consent.json: config.revision: expected a whole number from 1, got "two"\nconsent.json: 1 problem\n'
    })
  })

  it('ship their builds, types, the JSON Schema, translations and the drop-in, and no sources', () => {
    expect(files.core).toEqual(expect.arrayContaining(['package/dist/index.js', 'package/dist/index.d.ts', 'package/schema/consentry.schema.json']))
    expect(files.ui).toEqual(
      expect.arrayContaining(['package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/placeholder.js', 'package/dist/translations/fr.json', 'package/dist/translations/fr.js'])
    )
    expect(files.consentry).toEqual(
      expect.arrayContaining([
        'package/dist/consentry.min.js',
        'package/dist/consentry-panel.min.js',
        'package/dist/consentry-follow-up.min.js',
        'package/dist/consentry-placeholders.min.js',
        'package/dist/follow-up.js',
        'package/dist/placeholders.js',
        'package/dist/i18n/de.json',
        'package/dist/index.d.ts',
        'package/bin/consentry.mjs',
        'package/dist/cli.js'
      ])
    )
    for (let list of Object.values(files)) expect(list.filter(file => /\/src\/|\.test\./.test(file))).toEqual([])
    // Shared chunks are named after their first module (chunks/dom.js), not numbered or hashed.
    for (let list of Object.values(files)) expect(list.filter(file => /\/shared\d*\.js$|-[\w-]{8}\.js$/.test(file))).toEqual([])
    expect(files.ui).toEqual(expect.arrayContaining(['package/dist/chunks/placeholder-host.js']))
  })

  it('ship drop-in files in plain ASCII: one "…" would make V8 keep a whole file\'s source as UTF-16, twice the memory', () => {
    for (let file of ['consentry.min.js', 'consentry-panel.min.js', 'consentry-follow-up.min.js', 'consentry-placeholders.min.js']) {
      let source = readFileSync(join(dir, 'site/node_modules/consentry/dist', file), 'utf8')
      expect(source.length, file).toBeGreaterThan(1000)
      expect(source.match(/[^\x00-\x7f]/g) ?? [], file).toEqual([])
    }
  })

  it('ship a panel file that runs none of its code (Preact, the panel) until the panel is drawn: fetched ahead, it holds no memory', () => {
    let source = readFileSync(join(dir, 'site/node_modules/consentry/dist/consentry-panel.min.js'), 'utf8')
    // Preact's first line reads the global Array: counted here, in a context of its own.
    let reads = 0
    let sandbox = Object.defineProperty({}, 'Array', { get: () => (reads++, Array), configurable: true })
    let context = vm.createContext(sandbox) as { ConsentryPanel?: { drawPanel: (...args: unknown[]) => void } }
    vm.runInContext(source, context)
    expect(typeof context.ConsentryPanel?.drawPanel).toBe('function')
    expect(reads).toBe(0)
    // The first call runs the file's code (and fails here, with no box to draw into).
    expect(() => context.ConsentryPanel!.drawPanel(null, null)).toThrow()
    expect(reads).toBeGreaterThan(0)
  })

  it('ship a follow-up file that takes js-cookie and the configuration checker from the first file instead of a copy', () => {
    let read = (file: string): string => readFileSync(join(dir, 'site/node_modules/consentry/dist', file), 'utf8')
    let first = read('consentry.min.js')
    let followUp = read('consentry-follow-up.min.js')
    // js-cookie's API and one of the checker's messages: in the first file only.
    for (let mark of ['withConverter', 'an object keyed by id']) {
      expect(first).toContain(mark)
      expect(followUp).not.toContain(mark)
    }
    // Its global is a function of them, which the first file calls (global.ts).
    let context = vm.createContext({}) as { ConsentryFollowUp?: (shared: object) => { startFollowUp?: unknown } }
    vm.runInContext(followUp, context)
    expect(typeof context.ConsentryFollowUp).toBe('function')
    let shared = { Cookies: { remove() {} }, child: () => '', createChecker: () => ({}) }
    expect(typeof context.ConsentryFollowUp!(shared).startFollowUp).toBe('function')
  })

  it('install into a blank project and import in Node', () => {
    let script = `
      let core = await import('@consentry/core')
      let ui = await import('@consentry/ui')
      let consentry = await import('consentry')
      let followUp = await import('consentry/follow-up')
      let placeholders = await import('consentry/placeholders')
      let schema = (await import('@consentry/core/schema.json', { with: { type: 'json' } })).default
      console.log(JSON.stringify({
        problem: core.validateConfig({ revision: 'x' }).problems[0].message,
        ui: typeof ui.mount,
        init: typeof consentry.init,
        followUp: typeof followUp.startFollowUp,
        placeholders: typeof placeholders.createPlaceholders,
        schema: schema.$id
      }))
    `
    let output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(dir, 'site'), encoding: 'utf8' })
    expect(JSON.parse(output)).toEqual({
      problem: 'config.revision: expected a whole number from 1, got "x"',
      ui: 'function',
      init: 'function',
      followUp: 'function',
      placeholders: 'function',
      schema: 'https://unpkg.com/@consentry/core/schema/consentry.schema.json'
    })
  })
})
