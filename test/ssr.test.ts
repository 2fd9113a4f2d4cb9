import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

/** Imports a built entry in a fresh Node process where any read of a browser global throws. */
function importInNode(entry: string): string[] {
  let file = fileURLToPath(new URL(`../packages/${entry}`, import.meta.url))
  let script = `
    for (let name of ['window', 'document', 'navigator', 'location', 'localStorage', 'self']) {
      Object.defineProperty(globalThis, name, { get() { throw new Error('touched ' + name) }, configurable: true })
    }
    let module = await import(${JSON.stringify(file)})
    console.log(Object.keys(module).sort().join(','))
  `
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim().split(',')
}

describe('server-side rendering: every public entry imports in Node without browser globals', () => {
  it('@consentry/core', () => {
    expect(importInNode('core/dist/index.js')).toEqual(expect.arrayContaining(['createConsent', 'validateConfig', 'cookieStorage']))
  })

  it('@consentry/ui', () => {
    expect(importInNode('ui/dist/index.js')).toEqual(expect.arrayContaining(['mount', 'createUi', 'resolveTexts', 'createBanner']))
  })

  it('@consentry/ui/panel', () => {
    expect(importInNode('ui/dist/panel.js')).toEqual(['Preferences', 'drawPanel'])
  })

  it('@consentry/ui/placeholder', () => {
    expect(importInNode('ui/dist/placeholder.js')).toEqual(['createPlaceholders', 'providerOf'])
  })

  it('consentry', () => {
    expect(importInNode('consentry/dist/index.js')).toEqual(['consentry', 'createConsentry', 'init'])
  })

  it('consentry/follow-up', () => {
    expect(importInNode('consentry/dist/follow-up.js')).toEqual(['startFollowUp'])
  })

  it('consentry/placeholders', () => {
    expect(importInNode('consentry/dist/placeholders.js')).toEqual(['createPlaceholders'])
  })
})
