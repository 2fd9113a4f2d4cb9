// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { createConsentry } from './consentry.js'
import type { ConsentryApi } from './consentry.js'

const config = { categories: { essential: {}, analytics: {}, marketing: {} } }
let api: ConsentryApi
let warnings: string[]

const shadow = () => document.querySelector('consentry-ui')?.shadowRoot ?? null

/** A follow-up (the gate, the log, the sweep) that arrives when the test says so. */
const deferredFollowUp = () => {
  let arrive!: () => void
  let loading = new Promise<typeof import('./follow-up.js')>(resolve => (arrive = () => resolve(import('./follow-up.js'))))
  return { loadFollowUp: vi.fn(() => loading), arrive, loading }
}

/** Waits until the follow-up (the gate with it) has arrived and started. */
const gateStarted = () => new Promise<void>(resolve => api.whenGranted('essential', resolve))

beforeEach(() => {
  api = createConsentry()
  // As `init` from npm: the follow-up (the gate, the log, the sweep) is imported after the banner.
  let init = api.init
  api.init = (config, options) => init(config, { loadFollowUp: () => import('./follow-up.js'), ...options })
  warnings = []
  vi.spyOn(console, 'warn').mockImplementation(message => warnings.push(String(message)))
})

afterEach(() => {
  api.destroy()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  document.cookie.split(/; */).forEach(pair => {
    document.cookie = `${pair.split('=')[0]}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT`
  })
})

describe('createConsentry', () => {
  it('starts from a config object: the banner shows and ready resolves to the API', async () => {
    await expect(api.init(config)).resolves.toBe(api)
    await expect(api.ready).resolves.toBe(api)
    expect(shadow()?.querySelector('section.cc-banner')).not.toBeNull()
    expect(api.getConsent()).toBeNull()
    expect(api.hasConsent('analytics')).toBe(false)
  })

  it('fetches a config from a URL', async () => {
    let fetch = vi.fn(async () => new Response(JSON.stringify({ ...config, revision: 3 })))
    vi.stubGlobal('fetch', fetch)
    await api.init('/consent.json')
    expect(fetch).toHaveBeenCalledWith('/consent.json', { credentials: 'same-origin' })
    expect(api.consent?.config.revision).toBe(3)
  })

  it('reports a config that cannot be loaded, shows nothing and grants nothing', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('missing', { status: 404 })))
    await expect(api.init('/missing.json')).rejects.toThrow('HTTP 404')
    expect(warnings).toEqual([
      'consentry: the configuration could not be loaded from /missing.json (HTTP 404): nothing is shown and nothing is granted'
    ])
    expect(shadow()).toBeNull()
    expect(api.hasConsent('analytics')).toBe(false)
    api.acceptAll()
    expect(api.getConsent()).toBeNull()
  })

  it('reports JSON that does not parse', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{ nope')))
    await expect(api.init('/broken.json')).rejects.toThrow()
    expect(warnings[0]).toMatch(/^consentry: the configuration could not be loaded from \/broken\.json \(.+\): nothing is shown/)
  })

  it('keeps one instance when init is called twice (React StrictMode)', async () => {
    let first = api.init(config)
    let second = api.init({ categories: { essential: {} } })
    expect(second).toBe(first)
    await first
    expect(document.querySelectorAll('consentry-ui')).toHaveLength(1)
    expect(api.consent?.config.categories.analytics).toBeDefined()
    expect(warnings).toEqual([
      'consentry: init was called again; the first call stays in effect (call destroy() first to restart)'
    ])
  })

  it('runs actions called before it started, once it has', async () => {
    api.setConsent({ analytics: true })
    let ready = api.ready
    await api.init(config)
    await expect(ready).resolves.toBe(api)
    expect(api.hasConsent('analytics')).toBe(true)
    expect(api.hasConsent('marketing')).toBe(false)
  })

  it('tells listeners and the page about each decision', async () => {
    let seen: unknown[] = []
    let events: unknown[] = []
    let off = api.on('change', (record, previous) => seen.push([previous?.method ?? null, record?.method ?? null]))
    window.addEventListener('consentry:change', event => events.push((event as CustomEvent).detail?.method ?? null))
    await api.init(config)
    api.acceptAll()
    api.rejectAll()
    off()
    api.reset()
    expect(seen).toEqual([[null, 'accept-all'], ['accept-all', 'reject-all']])
    expect(events).toEqual(['accept-all', 'reject-all', null])
    expect(api.getConsent()).toBeNull()
  })

  it('keeps going when a listener throws', async () => {
    let errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    api.on('change', () => {
      throw new Error('site bug')
    })
    await api.init(config)
    api.acceptAll()
    expect(api.hasConsent('analytics')).toBe(true)
    expect(errors).toHaveBeenCalledWith('consentry: a change listener failed', expect.any(Error))
  })

  it('refuses unknown events', () => {
    expect(api.on('update' as 'change', () => {})).toBeTypeOf('function')
    expect(warnings).toEqual(['consentry: on: unknown event "update" (known: change)'])
  })

  it('shows the banner and the panel on request', async () => {
    await api.init(config, { loadPanel: () => import('@consentry/ui/panel') })
    api.acceptAll()
    expect(shadow()?.querySelector('.cc-banner')).toBeNull()
    api.showBanner()
    expect(shadow()?.querySelector('.cc-banner')).not.toBeNull()
    api.showPreferences()
    let dialog = await vi.waitUntil(() => shadow()?.querySelector<HTMLDialogElement>('dialog.cc-panel'))
    expect(dialog.open).toBe(true)
  })

  it('says so in the console when no way to load the panel was given', async () => {
    let error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      await api.init(config)
      api.showPreferences()
      await vi.waitUntil(() => error.mock.calls.length > 0)
      expect(error.mock.calls[0][0]).toBe('consentry: the preferences panel could not be loaded (no loadPanel option was given)')
      expect(shadow()?.querySelector('.cc-banner')).not.toBeNull()
    } finally {
      error.mockRestore()
    }
  })

  it('writes the language the visitor was shown into the record', async () => {
    document.documentElement.lang = 'de'
    try {
      await api.init(config, { loadTranslation: async () => ({ acceptAll: 'Alle akzeptieren' }) })
      expect(shadow()?.querySelector('.cc-root')?.getAttribute('lang')).toBe('de')
      api.acceptAll()
      expect(api.getConsent()?.language).toBe('de')
    } finally {
      document.documentElement.lang = ''
    }
  })

  it('reads Global Privacy Control once per page load: a later change of the signal changes nothing (P-03)', async () => {
    let signal = false
    let reads = 0
    Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => (reads++, signal), configurable: true })
    try {
      await api.init(config)
      signal = true
      api.acceptAll()
      expect(api.consent?.gpc).toBe(false)
      expect(api.hasConsent('marketing')).toBe(true)
      expect(reads).toBe(1)
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl
    }
  })

  it('honours Global Privacy Control from the browser or from the server', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true })
    try {
      await api.init(config)
      expect(api.consent?.gpc).toBe(true)
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl
    }
    api.destroy()
    await api.init(config)
    expect(api.consent?.gpc).toBe(false)
    api.destroy()
    await api.init(config, { gpc: true, region: 'US-CA' })
    expect(api.consent?.gpc).toBe(true)
  })

  it('pushes the Consent Mode default once, when nothing pushed it earlier', async () => {
    let layer = () => (window as unknown as { dataLayer: ArrayLike<unknown>[] }).dataLayer
    try {
      await api.init({ ...config, consentMode: true })
      let defaults = () => layer().filter(entry => entry[0] === 'consent' && entry[1] === 'default')
      expect(defaults()).toHaveLength(1)
      api.destroy()
      await api.init({ ...config, consentMode: true })
      expect(defaults()).toHaveLength(1)
    } finally {
      delete (window as unknown as { dataLayer?: unknown }).dataLayer
    }
  })

  it('tells the page of a decision after the Consent Mode update (CM-09) and before the gate starts its tags', async () => {
    let layer = () => (window as unknown as { dataLayer: ArrayLike<unknown>[] }).dataLayer
    document.body.innerHTML = '<iframe data-category="analytics" data-src="about:blank"></iframe>'
    let frame = document.querySelector('iframe')!
    let seen: [boolean, boolean][] = []
    let look = () => seen.push([layer().some(entry => entry[0] === 'consent' && entry[1] === 'update'), frame.hasAttribute('src')])
    try {
      api.on('change', look)
      window.addEventListener('consentry:change', look)
      await api.init({ ...config, consentMode: true }, { loadPlaceholders: () => new Promise(() => {}) })
      await gateStarted()
      api.acceptAll()
      // Both listeners: the update is in the data layer, the gated iframe has no address yet.
      expect(seen).toEqual([
        [true, false],
        [true, false]
      ])
      expect(frame.getAttribute('src')).toBe('about:blank')
    } finally {
      window.removeEventListener('consentry:change', look)
      delete (window as unknown as { dataLayer?: unknown }).dataLayer
      document.body.replaceChildren()
    }
  })

  it('runs whenGranted and loadScript calls made before the start once it is granted', async () => {
    let ran: string[] = []
    api.whenGranted('analytics', () => ran.push('analytics'))
    let cancelled = api.whenGranted('marketing', () => ran.push('marketing'))
    cancelled()
    let loaded = api.loadScript('/stub/tag.js', 'analytics', { 'data-test': 'yes' })
    await api.init(config)
    await gateStarted()
    expect(ran).toEqual([])
    expect(document.querySelector('script[src="/stub/tag.js"]')).toBeNull()
    api.acceptAll()
    expect(ran).toEqual(['analytics'])
    let script = document.querySelector('script[src="/stub/tag.js"]') as HTMLScriptElement
    expect(script.getAttribute('data-test')).toBe('yes')
    // happy-dom refuses to fetch scripts, so the load fails: the promise says so.
    await expect(loaded).rejects.toThrow('consentry: could not load /stub/tag.js')
  })

  it('keeps Consent Mode updating when the tag pushed a default but the config has no consentMode', async () => {
    try {
      await api.init(config, { consentModeEarly: 'dataLayer' })
      api.acceptAll()
      let layer = (window as unknown as { dataLayer: unknown[] }).dataLayer
      expect(layer.some(entry => (entry as ArrayLike<unknown>)[0] === 'consent' && (entry as ArrayLike<unknown>)[1] === 'update')).toBe(true)
      expect(warnings).toEqual(['consentry: data-consent-mode is set but the configuration has no consentMode: using the defaults'])
    } finally {
      delete (window as unknown as { dataLayer?: unknown }).dataLayer
    }
  })

  it('announces a decision that Global Privacy Control made as the page started', async () => {
    await api.init(config)
    api.acceptAll()
    api.destroy()
    let seen: unknown[] = []
    api.on('change', (record, previous) => seen.push([previous?.method, record?.method]))
    await api.init(config, { gpc: true })
    expect(seen).toEqual([['accept-all', 'gpc']])
  })

  it('sends each decision to the configured consent log (G-10)', async () => {
    let sent: unknown[] = []
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(init.body as string))
      return new Response('', { status: 204 })
    }))
    Object.defineProperty(navigator, 'sendBeacon', { value: undefined, configurable: true })
    try {
      await api.init({ ...config, log: { endpoint: '/api/consent' } }, { loadFollowUp: () => import('./follow-up.js') })
      api.rejectAll()
      await vi.waitFor(() => expect(sent).toHaveLength(1))
      expect(sent[0]).toMatchObject({ action: 'reject-all', categories: { analytics: false, marketing: false }, page: expect.any(String) })
    } finally {
      delete (navigator as { sendBeacon?: unknown }).sendBeacon
    }
  })

  describe('start-up tasks', () => {
    afterEach(() => vi.useRealTimers())
    const banner = () => shadow()?.querySelector('section.cc-banner') ?? null

    /** A page with a gated embed. */
    const gatedPage = () => {
      document.body.innerHTML = '<iframe data-category="marketing" data-src="about:blank" width="320" height="180"></iframe>'
    }
    /** The same page, and a clock where every start-up step takes 20 ms. */
    const slowPage = () => {
      gatedPage()
      vi.useFakeTimers({ toFake: ['setTimeout'] })
      let now = 0
      vi.spyOn(performance, 'now').mockImplementation(() => (now += 20))
    }
    afterEach(() => document.body.replaceChildren())

    it('on a fast device the banner is drawn in the task that validated the configuration: it makes the first paint', async () => {
      gatedPage()
      vi.useFakeTimers({ toFake: ['setTimeout'] })
      void api.init(config, { loadPlaceholders: () => new Promise(() => {}) })
      await Promise.resolve()
      // The script's own task ends before the configuration is validated.
      expect(banner()).toBeNull()
      await vi.runOnlyPendingTimersAsync()
      expect(banner()).not.toBeNull()
      expect(api.consent).toBeDefined()
      // The gate comes with the follow-up, asked for once the banner is drawn.
      await vi.waitFor(() => expect(document.querySelector('consentry-placeholder')).not.toBeNull())
    })

    it('on a slow device (a start-up step over 12 ms) the banner is drawn in a task of its own, and the gate comes after it: no task grows long', async () => {
      slowPage()
      let ready = vi.fn()
      void api.init(config, { loadPlaceholders: () => new Promise(() => {}) }).then(ready)
      await vi.runOnlyPendingTimersAsync()
      expect(banner()).toBeNull()
      expect(ready).not.toHaveBeenCalled()
      await vi.runOnlyPendingTimersAsync()
      expect(banner()).not.toBeNull()
      await vi.waitFor(() => expect(ready).toHaveBeenCalledWith(api))
      await vi.waitFor(() => expect(document.querySelector('consentry-placeholder')).not.toBeNull())
    })

    it('a decision taken on the banner before the gate started is announced, and the gate acts on it when it starts', async () => {
      slowPage()
      let events: unknown[] = []
      let { loadFollowUp, arrive } = deferredFollowUp()
      window.addEventListener('consentry:change', event => events.push((event as CustomEvent).detail?.method ?? null))
      void api.init(config, { loadPlaceholders: () => new Promise(() => {}), loadFollowUp })
      await vi.runOnlyPendingTimersAsync()
      await vi.runOnlyPendingTimersAsync()
      ;(banner()!.querySelector('[part~="accept-all"]') as HTMLButtonElement).click()
      expect(events).toEqual(['accept-all'])
      expect(document.querySelector('iframe')!.hasAttribute('src')).toBe(false)
      arrive()
      await vi.waitFor(() => expect(document.querySelector('iframe')!.getAttribute('src')).toBe('about:blank'))
      expect(document.querySelector('consentry-placeholder')).toBeNull()
      expect(api.hasConsent('marketing')).toBe(true)
    })

    it('destroy() during the start leaves nothing behind: no banner, no gate, no engine', async () => {
      slowPage()
      let changes = vi.fn()
      api.on('change', changes)
      void api.init(config)
      api.destroy()
      await vi.runAllTimersAsync()
      expect(document.querySelector('consentry-ui')).toBeNull()
      expect(document.querySelector('consentry-placeholder')).toBeNull()
      expect(api.consent).toBeUndefined()

      // Between the banner and the gate: the banner goes too, its decisions reach no one, and the
      // follow-up that arrives later starts nothing.
      let { loadFollowUp, arrive, loading } = deferredFollowUp()
      void api.init(config, { loadFollowUp })
      await vi.runOnlyPendingTimersAsync()
      await vi.runOnlyPendingTimersAsync()
      let drawn = banner()!
      api.destroy()
      arrive()
      await loading
      await vi.runAllTimersAsync()
      expect(document.querySelector('consentry-ui')).toBeNull()
      expect(document.querySelector('consentry-placeholder')).toBeNull()
      expect(api.consent).toBeUndefined()
      ;(drawn.querySelector('[part~="accept-all"]') as HTMLButtonElement).click()
      expect(changes).not.toHaveBeenCalled()
      expect(document.querySelector('iframe')!.hasAttribute('src')).toBe(false)
    })
  })

  describe('the follow-up (gate, log and cleanup), loaded after the banner', () => {
    const declared = { categories: { essential: {}, analytics: { cookies: ['_ga'] } }, log: { endpoint: '/api/consent' } }
    let sent: { action: string }[]

    beforeEach(() => {
      sent = []
      vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
        sent.push(JSON.parse(init.body as string))
        return new Response('', { status: 204 })
      }))
    })

    it('logs and sweeps, in order, the decisions made before it arrived (G-10, T-05)', async () => {
      let { loadFollowUp, arrive } = deferredFollowUp()
      await api.init(declared, { loadFollowUp })
      api.acceptAll()
      document.cookie = '_ga=GA1.1.1; path=/'
      api.rejectAll()
      expect(sent).toEqual([])
      expect(document.cookie).toContain('_ga=')
      arrive()
      await vi.waitFor(() => expect(sent.map(entry => entry.action)).toEqual(['accept-all', 'withdraw']))
      expect(document.cookie).not.toContain('_ga=')
      api.acceptAll()
      await vi.waitFor(() => expect(sent).toHaveLength(3))
    })

    it('is asked for once the banner is drawn, whatever the configuration: it holds the gate (T-01)', async () => {
      let { loadFollowUp, arrive } = deferredFollowUp()
      document.body.innerHTML = '<script type="text/plain" data-category="analytics">window.ranTag = true</script>'
      try {
        let started = api.init(config, { loadFollowUp })
        expect(loadFollowUp).not.toHaveBeenCalled()
        await started
        expect(loadFollowUp).toHaveBeenCalledTimes(1)
        expect(shadow()?.querySelector('section.cc-banner')).not.toBeNull()
        // Tags wait for the gate: granted before it arrived, the tag runs when it does.
        api.acceptAll()
        expect(document.body.querySelectorAll('script:not([type])')).toHaveLength(0)
        arrive()
        await vi.waitFor(() => expect(document.body.querySelectorAll('script:not([type])')).toHaveLength(1))
      } finally {
        document.body.replaceChildren()
      }
    })

    it('checks the vendor integrations when it arrives, naming each problem by its JSON path', async () => {
      let { loadFollowUp, arrive } = deferredFollowUp()
      let input = { categories: { essential: {}, analytics: {} }, integrations: { googleAnalytics: { measurementId: 'UA-1' }, metaPixel: { pixelId: '42' } } }
      await api.init(input, { loadFollowUp })
      expect(warnings).toEqual([])
      expect(api.consent?.config.integrations).toEqual({})
      arrive()
      await vi.waitFor(() =>
        expect(warnings).toEqual([
          'consentry: config.integrations.googleAnalytics.measurementId: expected a measurement id such as "G-ABC123", got "UA-1"',
          'consentry: config.integrations.metaPixel.category: expected one of the categories (essential, analytics), got "marketing"',
          // The pixel keeps its id, and its unknown category is refused by the gate: it never loads.
          'consentry: unknown category "marketing" is refused (known: essential, analytics)'
        ])
      )
      expect(Object.keys(api.consent!.config.integrations)).toEqual(['metaPixel'])
    })

    it('reports a follow-up that cannot load; the banner still decides', async () => {
      let errors: string[] = []
      vi.spyOn(console, 'error').mockImplementation(message => errors.push(String(message)))
      await api.init(declared, { loadFollowUp: () => Promise.reject(new Error('blocked by the client')) })
      await vi.waitFor(() =>
        expect(errors).toEqual([
          'consentry: the follow-up code could not be loaded (blocked by the client): gated tags do not run, decisions are not logged and refused cookies are not cleared on this page'
        ])
      )
      api.acceptAll()
      expect(api.hasConsent('analytics')).toBe(true)
      // What waits for the gate says so: it will not come on this page.
      await expect(api.loadScript('/stub/tag.js', 'analytics')).rejects.toThrow('the follow-up code could not be loaded')
    })

    it('does not start a follow-up that arrives after destroy', async () => {
      let { loadFollowUp, arrive } = deferredFollowUp()
      await api.init(declared, { loadFollowUp })
      api.acceptAll()
      api.destroy()
      arrive()
      await new Promise(resolve => setTimeout(resolve, 20))
      expect(sent).toEqual([])
    })
  })

  describe('embed placeholders, loaded when a blocked embed is met (T-08)', () => {
    let errors: string[]
    beforeEach(() => {
      errors = []
      vi.spyOn(console, 'error').mockImplementation(message => errors.push(String(message)))
    })
    afterEach(() => {
      document.body.replaceChildren()
    })

    /** A gated embed, as a page writes it. */
    const addEmbed = (title: string): HTMLIFrameElement => {
      let iframe = document.createElement('iframe')
      iframe.title = title
      iframe.dataset.category = 'marketing'
      iframe.dataset.src = 'about:blank'
      iframe.dataset.provider = 'Example Video'
      iframe.width = '320'
      iframe.height = '180'
      document.body.append(iframe)
      return iframe
    }
    const frame = (title: string): HTMLIFrameElement => document.querySelector(`iframe[title="${title}"]`)!
    const groups = (): (string | null)[] =>
      [...document.querySelectorAll('consentry-placeholder')].map(host => host.shadowRoot?.querySelector('[role="group"]')?.getAttribute('aria-label') ?? null)
    /** A loader that hands the module over when the test says so, or fails. */
    const deferred = () => {
      let settle: { arrive(): void; fail(): void } = { arrive() {}, fail() {} }
      let calls = 0
      let loadPlaceholders = () => {
        calls++
        return new Promise<typeof import('./placeholders.js')>((resolve, reject) => {
          settle = { arrive: () => void import('./placeholders.js').then(resolve), fail: () => reject(new Error('HTTP 503')) }
        })
      }
      return { loadPlaceholders, settle: () => settle, calls: () => calls }
    }
    const tick = () => new Promise(resolve => setTimeout(resolve, 10))
    /** A page with one blocked embed, started with a loader that the test settles. */
    const start = async () => {
      addEmbed('Video')
      let loader = deferred()
      await api.init(config, { loadPlaceholders: loader.loadPlaceholders })
      await gateStarted()
      return loader
    }

    it('asks for nothing on a page without a blocked embed', async () => {
      let loadPlaceholders = vi.fn(() => import('./placeholders.js'))
      await api.init(config, { loadPlaceholders })
      await gateStarted()
      expect(loadPlaceholders).not.toHaveBeenCalled()
      expect(document.querySelector('consentry-placeholder')).toBeNull()
    })

    it('holds the embed\'s place with an empty box of its size until the code arrives, then draws the placeholder there', async () => {
      let loader = await start()
      let box = document.querySelector('consentry-placeholder') as HTMLElement
      expect(box.nextElementSibling).toBe(frame('Video'))
      expect([box.style.width, box.style.height, box.style.minHeight, box.style.display]).toEqual(['320px', '180px', '135px', 'block'])
      expect(frame('Video').hidden).toBe(true)
      expect(groups()).toEqual([null])

      addEmbed('Second video')
      await tick()
      // One request for both embeds.
      expect(loader.calls()).toBe(1)
      loader.settle().arrive()
      let text = 'This content is provided by Example Video, which sets Marketing cookies.'
      await vi.waitFor(() => expect(groups()).toEqual([text, text]))
      expect(frame('Video').hidden).toBe(true)
      expect(frame('Video').previousElementSibling).not.toBe(box)
      expect(box.isConnected).toBe(false)
    })

    it('gives the embed back at once when it is granted before the code arrives, and draws nothing for it later', async () => {
      let loader = await start()
      api.acceptAll()
      expect(frame('Video').getAttribute('src')).toBe('about:blank')
      expect(frame('Video').hidden).toBe(false)
      expect(document.querySelector('consentry-placeholder')).toBeNull()
      loader.settle().arrive()
      await tick()
      await tick()
      expect(document.querySelector('consentry-placeholder')).toBeNull()
    })

    it('reports a failed load, gives the embeds their place back and tries again for the next blocked embed', async () => {
      let loader = await start()
      loader.settle().fail()
      await vi.waitFor(() => expect(errors).toEqual(['consentry: the embed placeholders could not be loaded (HTTP 503): blocked embeds show none']))
      expect(document.querySelector('consentry-placeholder')).toBeNull()
      expect(frame('Video').hidden).toBe(false)
      expect(frame('Video').hasAttribute('src')).toBe(false)

      addEmbed('Later video')
      await vi.waitFor(() => expect(loader.calls()).toBe(2))
      loader.settle().arrive()
      await vi.waitFor(() => expect(groups()).toHaveLength(1))
      expect(document.querySelector('consentry-placeholder')!.nextElementSibling).toBe(frame('Later video'))
    })

    it('says so in the console when no way to load the placeholders was given', async () => {
      addEmbed('Video')
      await api.init(config)
      await vi.waitFor(() =>
        expect(errors).toEqual(['consentry: the embed placeholders could not be loaded (no loadPlaceholders option was given): blocked embeds show none'])
      )
      expect(frame('Video').hidden).toBe(false)
    })

    it('takes its placeholders away on destroy(): a new start draws one per embed, not a second', async () => {
      addEmbed('Video')
      let text = 'This content is provided by Example Video, which sets Marketing cookies.'
      await api.init(config, { loadPlaceholders: () => import('./placeholders.js') })
      await vi.waitFor(() => expect(groups()).toEqual([text]))
      api.destroy()
      expect(document.querySelector('consentry-placeholder')).toBeNull()
      expect(frame('Video').hidden).toBe(false)
      await api.init(config, { loadPlaceholders: () => import('./placeholders.js') })
      await vi.waitFor(() => expect(groups()).toEqual([text]))
      await tick()
      expect(groups()).toEqual([text])
    })

    it('leaves the page as it was when destroyed before the code arrives', async () => {
      let loader = await start()
      api.destroy()
      expect(document.querySelector('consentry-placeholder')).toBeNull()
      expect(frame('Video').hidden).toBe(false)
      loader.settle().arrive()
      await tick()
      await tick()
      expect(document.querySelector('consentry-placeholder')).toBeNull()
    })

    it('says nothing of a load that fails after destroy()', async () => {
      let loader = await start()
      api.destroy()
      loader.settle().fail()
      await tick()
      expect(errors).toEqual([])
      expect(frame('Video').hidden).toBe(false)
    })
  })

  it('can start again after destroy', async () => {
    await api.init(config)
    api.destroy()
    expect(document.querySelector('consentry-ui')).toBeNull()
    expect(api.consent).toBeUndefined()
    await api.init({ ...config, revision: 2 })
    expect(api.consent?.config.revision).toBe(2)
  })
})
