import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { cookieStorage } from './storage/cookie-storage.js'

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url))

describe('server-side rendering', () => {
  it('imports the built package in Node without touching browser globals', () => {
    // Any read of window, document, navigator or location during import throws here.
    let script = `
      for (let name of ['window', 'document', 'navigator', 'location', 'localStorage']) {
        Object.defineProperty(globalThis, name, { get() { throw new Error('touched ' + name) }, configurable: true })
      }
      let core = await import(${JSON.stringify(dist)})
      console.log(Object.keys(core).sort().join(','))
    `
    let output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(output.trim()).toBe(
      'SAFE_URL,TEXT_KEYS,child,cookiePattern,cookieStorage,createChecker,createConsent,decodeRecord,encodeRecord,isObject,memoryStorage,validateConfig'
    )
  })

  it('stores nothing and never throws without a document', () => {
    let storage = cookieStorage()
    expect(storage.read()).toEqual([])
    expect(storage.write('x', new Date())).toBe(false)
    expect(() => storage.clear()).not.toThrow()
  })
})
