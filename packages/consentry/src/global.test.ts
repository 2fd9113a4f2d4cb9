// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

let warnings: string[]

beforeEach(() => {
  vi.resetModules()
  warnings = []
  vi.spyOn(console, 'warn').mockImplementation(message => warnings.push(String(message)))
})

afterEach(() => {
  window.Consentry?.destroy()
  delete window.Consentry
  delete window.consentryConfig
  document.body.replaceChildren()
  document.head.replaceChildren()
  vi.restoreAllMocks()
})

const load = () => import('./global.js')

describe('the drop-in script', () => {
  it('starts from window.consentryConfig', async () => {
    window.consentryConfig = { revision: 4 }
    await load()
    await window.Consentry!.ready
    expect(window.Consentry!.consent?.config.revision).toBe(4)
    expect(document.querySelector('consentry-ui')).not.toBeNull()
  })

  it('prefers an inline JSON config to window.consentryConfig', async () => {
    window.consentryConfig = { revision: 4 }
    document.body.innerHTML = '<script type="application/json" id="consentry-config">{"revision": 7}</script>'
    await load()
    await window.Consentry!.ready
    expect(window.Consentry!.consent?.config.revision).toBe(7)
  })

  it('reports inline JSON that does not parse and starts with the defaults', async () => {
    document.body.innerHTML = '<script type="application/json" id="consentry-config">{ revision: 7 }</script>'
    await load()
    await window.Consentry!.ready
    expect(warnings[0]).toMatch(/^consentry: #consentry-config is not valid JSON \(.+\): using the defaults$/)
    expect(window.Consentry!.consent?.config.revision).toBe(1)
  })

  it('waits for Consentry.init when the page gives no config', async () => {
    await load()
    expect(document.querySelector('consentry-ui')).toBeNull()
    await window.Consentry!.init({ revision: 2 })
    expect(document.querySelector('consentry-ui')).not.toBeNull()
  })

  it('keeps the first copy when the script is included twice', async () => {
    await load()
    let first = window.Consentry
    vi.resetModules()
    await load()
    expect(window.Consentry).toBe(first)
    expect(warnings).toEqual(['consentry: the script was included twice; the first copy stays in effect'])
  })
})
