// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Shared } from './global.js'

let warnings: string[]

beforeEach(() => {
  vi.resetModules()
  warnings = []
  vi.spyOn(console, 'warn').mockImplementation(message => warnings.push(String(message)))
  // happy-dom loads no scripts (it would print an error for each): the follow-up file's tag is
  // left out unless a test hands that file over itself.
  let append = document.head.append.bind(document.head)
  vi.spyOn(document.head, 'append').mockImplementation((...nodes) => {
    if (!(nodes[0] as HTMLScriptElement).src?.endsWith('consentry-follow-up.min.js')) append(...nodes)
  })
})

afterEach(() => {
  document.cookie = 'consentry=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT'
  window.Consentry?.destroy()
  delete window.Consentry
  delete window.consentryConfig
  document.body.replaceChildren()
  document.head.replaceChildren()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
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

describe('Google Consent Mode in the drop-in', () => {
  const commands = () =>
    ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? []).map(entry =>
      Object.prototype.toString.call(entry) === '[object Arguments]' ? Array.from(entry as ArrayLike<unknown>) : entry
    )

  afterEach(() => {
    delete (window as unknown as { dataLayer?: unknown[] }).dataLayer
  })

  it('pushes the default as it starts, before anything else, then the stored choice (CM-01, CM-06)', async () => {
    window.consentryConfig = { consentMode: true }
    await load()
    expect(commands()[0]).toEqual(['consent', 'default', expect.objectContaining({ ad_storage: 'denied', wait_for_update: 500 })])
    await window.Consentry!.ready
    window.Consentry!.acceptAll()
    expect(commands()).toEqual([
      ['consent', 'default', expect.any(Object)],
      ['set', 'ads_data_redaction', true],
      { event: 'consentry_default', consentry: expect.any(Object) },
      ['consent', 'update', expect.objectContaining({ ad_storage: 'granted', analytics_storage: 'granted' })],
      { event: 'consentry_update', consentry: expect.objectContaining({ method: 'accept-all' }) }
    ])
  })

  it('pushes nothing to the data layer when consentMode is off', async () => {
    window.consentryConfig = {}
    await load()
    await window.Consentry!.ready
    window.Consentry!.acceptAll()
    expect((window as unknown as { dataLayer?: unknown[] }).dataLayer).toBeUndefined()
  })
})

describe('the order of a decision in the data layer', () => {
  afterEach(() => {
    delete (window as unknown as { dataLayer?: unknown[] }).dataLayer
  })

  it('puts the consent update before the tags it starts (CM-09)', async () => {
    window.consentryConfig = {
      consentMode: true,
      integrations: { googleAnalytics: { measurementId: 'G-TEST1', scriptUrl: '/stub/gtag.js' } }
    }
    // happy-dom loads no scripts: the follow-up file (the gate, the integrations) is handed over on its tag's load.
    let appended: HTMLScriptElement[] = []
    let append = document.head.append.bind(document.head)
    vi.spyOn(document.head, 'append').mockImplementation((...nodes) => {
      let tag = nodes[0] as HTMLScriptElement
      if (tag.src?.endsWith('consentry-follow-up.min.js')) appended.push(tag)
      else append(...nodes)
    })
    let followUp = await import('./follow-up.js')
    window.ConsentryFollowUp = () => followUp
    await load()
    await window.Consentry!.ready
    ;(await vi.waitUntil(() => appended[0])).dispatchEvent(new Event('load'))
    await new Promise<void>(resolve => window.Consentry!.whenGranted('essential', resolve))
    delete window.ConsentryFollowUp
    window.Consentry!.acceptAll()
    let names = (window as unknown as { dataLayer: unknown[] }).dataLayer.map(entry => {
      if (Object.prototype.toString.call(entry) !== '[object Arguments]') return (entry as { event: string }).event
      let [command, detail] = Array.from(entry as ArrayLike<unknown>)
      return command === 'js' ? 'js' : `${command}:${String(detail)}`
    })
    expect(names).toEqual([
      'consent:default',
      'set:ads_data_redaction',
      'consentry_default',
      'consent:update',
      'consentry_update',
      'js',
      'config:G-TEST1'
    ])
  })
})

describe('the panel file', () => {
  // happy-dom loads no scripts: the tags the drop-in appends are kept here, and load or fail on cue.
  let appended: HTMLScriptElement[]
  let nextTag = (count: number) => vi.waitUntil(() => appended[count - 1])
  let showPanel = async () => {
    appended = []
    // The follow-up file's tag is left aside: it never loads here.
    vi.spyOn(document.head, 'append').mockImplementation((...nodes) => {
      if (!(nodes[0] as HTMLScriptElement).src?.endsWith('consentry-follow-up.min.js')) appended.push(...(nodes as HTMLScriptElement[]))
    })
    window.consentryConfig = {}
    await load()
    await window.Consentry!.ready
    window.Consentry!.showPreferences()
    return nextTag(1)
  }

  it('is loaded once, beside the drop-in, and draws the panel', async () => {
    let tag = await showPanel()
    expect(tag.src).toBe(new URL('consentry-panel.min.js', location.href).href)
    window.ConsentryPanel = await import('./panel.js')
    tag.dispatchEvent(new Event('load'))
    let root = document.querySelector('consentry-ui')!.shadowRoot!
    await vi.waitUntil(() => root.querySelector('dialog.cc-panel'))
    window.Consentry!.showBanner()
    window.Consentry!.showPreferences()
    expect(appended).toHaveLength(1)
    delete window.ConsentryPanel
  })

  it('says which file failed, and asks again next time', async () => {
    let errors: string[] = []
    vi.spyOn(console, 'error').mockImplementation(message => errors.push(String(message)))
    let tag = await showPanel()
    tag.dispatchEvent(new Event('error'))
    await vi.waitUntil(() => errors.length > 0)
    expect(errors[0]).toBe(`consentry: the preferences panel could not be loaded (${tag.src} could not be loaded)`)
    window.Consentry!.showPreferences()
    let again = await nextTag(2)
    // A file that loads but does not define the panel is reported too.
    again.dispatchEvent(new Event('load'))
    await vi.waitUntil(() => errors.length > 1)
    expect(errors[1]).toBe(`consentry: the preferences panel could not be loaded (${again.src} did not load)`)
  })
})

describe('the follow-up file', () => {
  it('is loaded beside the drop-in once the banner is drawn, and logs what was decided meanwhile', async () => {
    let appended: HTMLScriptElement[] = []
    vi.spyOn(document.head, 'append').mockImplementation((...nodes) => void appended.push(...(nodes as HTMLScriptElement[])))
    let sent: string[] = []
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => (sent.push(String(init.body)), new Response(null, { status: 204 }))))
    window.consentryConfig = { log: { endpoint: '/api/consent' } }
    await load()
    await window.Consentry!.ready
    let tag = await vi.waitUntil(() => appended.find(node => node.src?.endsWith('consentry-follow-up.min.js')))
    expect(tag.src).toBe(new URL('consentry-follow-up.min.js', location.href).href)
    window.Consentry!.acceptAll()
    let followUp = await import('./follow-up.js')
    let given: Shared | undefined
    window.ConsentryFollowUp = shared => ((given = shared), followUp)
    tag.dispatchEvent(new Event('load'))
    await vi.waitUntil(() => sent.length > 0)
    expect(JSON.parse(sent[0])).toMatchObject({ action: 'accept-all' })
    // The file's global is a function of what it shares with this one (js-cookie, the checker): the
    // very objects the drop-in uses, so the follow-up file carries no copy of them.
    let { child, createChecker } = await import('@consentry/core')
    let { default: Cookies } = await import('js-cookie')
    expect(given).toEqual({ Cookies, child, createChecker })
    expect(given!.Cookies).toBe(Cookies)
    expect(given!.child).toBe(child)
    expect(given!.createChecker).toBe(createChecker)
    delete window.ConsentryFollowUp
  })

  it('reports a follow-up file from another release (a module, not a function of what it shares) and runs no gated tag', async () => {
    let appended: HTMLScriptElement[] = []
    vi.spyOn(document.head, 'append').mockImplementation((...nodes) => void appended.push(...(nodes as HTMLScriptElement[])))
    let errors: string[] = []
    vi.spyOn(console, 'error').mockImplementation(message => errors.push(String(message)))
    window.consentryConfig = {}
    await load()
    await window.Consentry!.ready
    let tag = await vi.waitUntil(() => appended.find(node => node.src?.endsWith('consentry-follow-up.min.js')))
    // What an earlier build of the file set: the module itself.
    window.ConsentryFollowUp = (await import('./follow-up.js')) as unknown as Window['ConsentryFollowUp']
    tag.dispatchEvent(new Event('load'))
    await vi.waitUntil(() => errors.length > 0)
    expect(errors[0]).toMatch(/^consentry: the follow-up code could not be loaded \(.+\): gated tags do not run/)
    let ran = false
    window.Consentry!.whenGranted('essential', () => (ran = true))
    await new Promise(resolve => setTimeout(resolve, 20))
    expect(ran).toBe(false)
    delete window.ConsentryFollowUp
  })
})
