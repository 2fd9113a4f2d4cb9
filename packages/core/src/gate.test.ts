// @vitest-environment happy-dom
import nodeConsole from 'node:console'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { createConsent } from './consent.js'
import { createGate } from './gate.js'
import type { Gate, GateOptions } from './gate.js'
import { memoryStorage } from './storage/memory-storage.js'
import type { ConsentStorage } from './storage/storage.js'

const config = {
  categories: {
    essential: {},
    analytics: { services: { ga4: {}, hotjar: {} } },
    preferences: {},
    marketing: {}
  }
}

let messages: string[]
let gates: Gate[]

/** An engine whose console messages are collected in `messages`. */
const create = (storage: ConsentStorage = memoryStorage()) =>
  createConsent(config, { storage, onMessage: message => messages.push(message) })

/** An engine for a returning visitor who accepted everything on an earlier page. */
const returning = () => {
  let storage = memoryStorage()
  create(storage).acceptAll()
  return create(storage)
}

/** A gate that is stopped after the test. */
const gate = (consent = create(), options?: GateOptions): Gate => {
  let result = createGate(consent, options)
  gates.push(result)
  return result
}

/** Puts parsed markup in the body, as the page's HTML would be. */
const page = (html: string): void => {
  let parsed = new DOMParser().parseFromString(html, 'text/html')
  document.body.replaceChildren(...Array.from(parsed.body.childNodes))
}

const byId = (id: string) => document.getElementById(id) as HTMLElement
const script = (id: string) => byId(id) as HTMLScriptElement
const iframe = (id: string) => byId(id) as HTMLIFrameElement

/** The ids of the scripts the browser would run: every script not left as `text/plain`. */
const running = () =>
  Array.from(document.querySelectorAll('script'))
    .filter(element => element.type != 'text/plain')
    .map(element => element.id)

/** Lets the gate's MutationObserver see what was added. */
const tick = () => new Promise(resolve => setTimeout(resolve))

// happy-dom loads no scripts or frames: it fails each one at once, and logs it to the console it
// was created with. These tests stop those events and fire load and error themselves.
let fired: WeakSet<Event>
const swallow = (event: Event) => {
  if (!fired.has(event)) event.stopImmediatePropagation()
}
const fire = (target: Element, type: 'load' | 'error') => {
  let event = new Event(type)
  fired.add(event)
  target.dispatchEvent(event)
}

beforeEach(() => {
  messages = []
  gates = []
  fired = new WeakSet()
  window.addEventListener('load', swallow, true)
  window.addEventListener('error', swallow, true)
  let consoleError = nodeConsole.error
  vi.spyOn(nodeConsole, 'error').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('loading is disabled')) consoleError(...args)
  })
})

afterEach(() => {
  for (let each of gates) each.stop()
  window.removeEventListener('load', swallow, true)
  window.removeEventListener('error', swallow, true)
  document.head.replaceChildren()
  document.body.replaceChildren()
  vi.restoreAllMocks()
})

describe('gated scripts', () => {
  it('runs nothing before a decision, nor after a refusal (G-01)', () => {
    page(`
      <script type="text/plain" data-category="analytics" id="inline">track()</script>
      <script type="text/plain" data-category="marketing" data-src="https://ads.test/a.js" id="external"></script>
      <script type="text/plain" data-category="analytics" data-service="ga4" src="https://ga.test/g.js" id="service"></script>`)
    let consent = create()
    gate(consent)
    expect(running()).toEqual([])
    consent.rejectAll()
    expect(running()).toEqual([])
    expect(script('external').hasAttribute('src')).toBe(false)
  })

  it('runs the scripts of a required category at once', () => {
    page('<script type="text/plain" data-category="essential" id="a">setup()</script>')
    gate()
    expect(running()).toEqual(['a'])
  })

  it('runs each script once, when its category is granted, whatever is decided later', () => {
    page(`
      <script type="text/plain" data-category="analytics" id="a">track()</script>
      <script type="text/plain" data-category="analytics" data-src="https://ga.test/g.js" async id="b"></script>
      <script type="text/plain" data-category="marketing" id="c">pixel()</script>`)
    let consent = create()
    gate(consent)
    consent.setConsent({ analytics: true })
    expect(running()).toEqual(['a', 'b'])
    let copies = [script('a'), script('b')]
    consent.acceptAll()
    consent.rejectAll()
    consent.acceptAll()
    consent.reset()
    consent.acceptAll()
    expect(running()).toEqual(['a', 'b', 'c'])
    expect([script('a'), script('b')]).toEqual(copies)
    expect(document.querySelectorAll('script')).toHaveLength(3)
  })

  it('runs the scripts of a returning visitor at the start', () => {
    page(`
      <script type="text/plain" data-category="analytics" id="a">track()</script>
      <script type="text/plain" data-category="marketing" data-src="https://ads.test/a.js" async id="b"></script>`)
    gate(returning())
    expect(running()).toEqual(['a', 'b'])
  })

  it('replaces the element with a new script that keeps its attributes and place', () => {
    page(`
      <p id="before"></p><script type="text/plain" data-category="analytics" data-src="https://ga.test/g.js"
        id="a" class="tag" async defer integrity="sha384-abc" crossorigin="anonymous" referrerpolicy="no-referrer"
        data-service="ga4" data-extra="1"></script><p id="after"></p>`)
    let original = script('a')
    gate(returning())
    let copy = script('a')
    expect(copy).not.toBe(original)
    expect(original.isConnected).toBe(false)
    expect(copy.tagName).toBe('SCRIPT')
    expect(copy.previousSibling).toBe(byId('before'))
    expect(copy.nextSibling).toBe(byId('after'))
    expect(Object.fromEntries(Array.from(copy.attributes, ({ name, value }) => [name, value]))).toEqual({
      'data-category': 'analytics',
      id: 'a',
      class: 'tag',
      async: '',
      defer: '',
      integrity: 'sha384-abc',
      crossorigin: 'anonymous',
      referrerpolicy: 'no-referrer',
      'data-service': 'ga4',
      'data-extra': '1',
      src: 'https://ga.test/g.js'
    })
  })

  it('loads a script gated with src instead of data-src', () => {
    page('<script type="text/plain" data-category="analytics" src="https://ga.test/g.js" async id="a"></script>')
    gate(returning())
    expect(script('a').getAttribute('src')).toBe('https://ga.test/g.js')
    expect(script('a').hasAttribute('type')).toBe(false)
  })

  it('copies inline code as text', () => {
    page('<script type="text/plain" data-category="analytics" id="a">window.x = 1 < 2 && "<b>"</script>')
    gate(returning())
    expect(script('a').textContent).toBe('window.x = 1 < 2 && "<b>"')
    expect(script('a').hasAttribute('src')).toBe(false)
  })

  it('gives the script the type in data-type', () => {
    page(`
      <script type="text/plain" data-category="analytics" data-type="module" id="a">import "x"</script>
      <script type="text/plain" data-category="analytics" data-type="module" data-src="https://ga.test/m.js" async id="b"></script>`)
    gate(returning())
    expect(script('a').type).toBe('module')
    expect(script('b').type).toBe('module')
  })

  it("copies the original's nonce property, which browsers hide from the attribute (T-07)", () => {
    page('<script type="text/plain" data-category="analytics" nonce="" id="a">track()</script>')
    script('a').nonce = 'from-page'
    gate(returning(), { nonce: 'from-options' })
    expect(script('a').nonce).toBe('from-page')
  })

  it('gives the nonce of the options to a script without one', () => {
    page('<script type="text/plain" data-category="analytics" id="a">track()</script>')
    gate(returning(), { nonce: 'from-options' })
    expect(script('a').nonce).toBe('from-options')
  })

  it('takes the nonce of the script that creates the gate by default', () => {
    page('<script type="text/plain" data-category="analytics" id="a">track()</script>')
    Object.defineProperty(document, 'currentScript', { configurable: true, value: { nonce: 'from-sdk' } })
    try {
      gate(returning())
    } finally {
      delete (document as unknown as Record<string, unknown>).currentScript
    }
    expect(script('a').nonce).toBe('from-sdk')
  })

  it('sets no nonce when there is none to give', () => {
    page('<script type="text/plain" data-category="analytics" id="a">track()</script>')
    gate(returning())
    expect(script('a').nonce).toBeFalsy()
  })

  it('runs scripts in document order, inline ones after the external ones before them have loaded', () => {
    page(`
      <script type="text/plain" data-category="analytics" data-src="https://cdn.test/lib.js" id="lib"></script>
      <script type="text/plain" data-category="analytics" id="init">lib.init()</script>
      <script type="text/plain" data-category="marketing" data-src="https://ads.test/ads.js" id="ads"></script>
      <script type="text/plain" data-category="marketing" data-src="https://ads.test/pixel.js" id="pixel"></script>
      <script type="text/plain" data-category="marketing" id="track">ads.track()</script>`)
    let consent = create()
    gate(consent)
    consent.acceptAll()
    expect(running()).toEqual(['lib'])
    // Not async: the browser runs inserted external scripts in insertion order.
    expect(script('lib').async).toBe(false)
    fire(script('lib'), 'load')
    expect(running()).toEqual(['lib', 'init', 'ads', 'pixel'])
    fire(script('ads'), 'load')
    expect(running()).toEqual(['lib', 'init', 'ads', 'pixel'])
    fire(script('pixel'), 'load')
    expect(running()).toEqual(['lib', 'init', 'ads', 'pixel', 'track'])
  })

  it('goes on when a script fails to load, as with an ad blocker', () => {
    page(`
      <script type="text/plain" data-category="analytics" data-src="https://blocked.test/a.js" id="a"></script>
      <script type="text/plain" data-category="analytics" id="b">after()</script>`)
    gate(returning())
    expect(running()).toEqual(['a'])
    fire(script('a'), 'error')
    expect(running()).toEqual(['a', 'b'])
  })

  it('does not wait for async scripts', () => {
    page(`
      <script type="text/plain" data-category="analytics" data-src="https://ga.test/g.js" async id="a"></script>
      <script type="text/plain" data-category="analytics" id="b">after()</script>`)
    gate(returning())
    expect(running()).toEqual(['a', 'b'])
    expect(script('a').async).toBe(true)
  })

  it('runs a script that names a service only once that service is granted', () => {
    page(`
      <script type="text/plain" data-category="analytics" data-service="ga4" id="ga4">ga()</script>
      <script type="text/plain" data-category="analytics" data-service="hotjar" id="hotjar">hj()</script>
      <script type="text/plain" data-category="analytics" id="any">any()</script>`)
    let consent = create()
    gate(consent)
    consent.setConsent({ analytics: { ga4: true } })
    // A category counts as granted when any of its services is.
    expect(running()).toEqual(['ga4', 'any'])
    consent.setConsent({ analytics: { hotjar: true } })
    expect(running()).toEqual(['ga4', 'hotjar', 'any'])
  })

  it('runs a "!category" fallback only once the visitor has refused that category', () => {
    page(`
      <script type="text/plain" data-category="!marketing" id="fallback">showNotice()</script>
      <script type="text/plain" data-category="!ads" id="unknown">never()</script>`)
    let consent = create()
    gate(consent)
    expect(running()).toEqual([])
    consent.acceptAll()
    expect(running()).toEqual([])
    consent.setConsent({ marketing: false })
    expect(running()).toEqual(['fallback'])
    consent.acceptAll()
    expect(running()).toEqual(['fallback'])
    expect(messages.filter(message => message.includes('"ads"'))).toHaveLength(1)
  })

  it('keeps an unknown category blocked and reports it once', () => {
    page(`
      <script type="text/plain" data-category="ads" id="a">x()</script>
      <iframe data-category="ads" data-src="https://ads.test/frame" id="b"></iframe>`)
    let consent = create()
    gate(consent)
    consent.acceptAll()
    consent.rejectAll()
    consent.acceptAll()
    expect(running()).toEqual([])
    expect(iframe('b').hasAttribute('src')).toBe(false)
    expect(messages).toEqual(['consentry: unknown category "ads" is refused (known: essential, analytics, preferences, marketing)'])
  })

  it('reports a tracker gated by a required category, once per element: it runs without consent (G-09)', () => {
    page(`
      <script type="text/plain" data-category="essential" data-src="https://www.googletagmanager.com/gtag/js?id=G-1" id="a"></script>
      <script type="text/plain" data-category="essential" data-src="https://cdn.shop.test/cart.js" id="b"></script>
      <script type="text/plain" data-category="analytics" src="https://www.google-analytics.com/analytics.js" id="c"></script>
      <iframe data-category="essential" data-src="https://www.youtube.com/embed/x" id="d"></iframe>
      <iframe data-category="essential" data-src="https://www.youtube-nocookie.com/embed/x" id="e"></iframe>`)
    let consent = create()
    gate(consent, { onMessage: message => messages.push(message) })
    consent.acceptAll()
    consent.rejectAll()
    expect(messages).toEqual([
      'consentry: https://www.googletagmanager.com/gtag/js?id=G-1 tracks, but its category "essential" is required: it runs without consent (G-09)',
      'consentry: https://www.youtube.com/embed/x tracks, but its category "essential" is required: it runs without consent (G-09)'
    ])
  })

  it('leaves plain scripts and elements without a category alone', () => {
    page(`
      <script type="text/plain" id="a">notes</script>
      <img data-src="https://img.test/a.png" id="b">`)
    gate(returning())
    expect(running()).toEqual([])
    expect(byId('b').hasAttribute('src')).toBe(false)
  })

  it('does not run a waiting script once consent is withdrawn (G-08)', () => {
    page(`
      <script type="text/plain" data-category="analytics" data-src="https://ga.test/g.js" id="a"></script>
      <script type="text/plain" data-category="analytics" id="b">after()</script>`)
    let consent = create()
    gate(consent)
    consent.acceptAll()
    consent.rejectAll()
    fire(script('a'), 'load')
    expect(running()).toEqual(['a'])
    consent.acceptAll()
    expect(running()).toEqual(['a', 'b'])
  })

  it('skips a waiting script that was removed from the page', () => {
    page(`
      <script type="text/plain" data-category="analytics" data-src="https://ga.test/g.js" id="a"></script>
      <script type="text/plain" data-category="analytics" id="b">after()</script>
      <script type="text/plain" data-category="analytics" id="c">last()</script>`)
    gate(returning())
    script('b').remove()
    fire(script('a'), 'load')
    expect(running()).toEqual(['a', 'c'])
  })
})

describe('while the page is still loading', () => {
  beforeEach(() => {
    Object.defineProperty(document, 'readyState', { configurable: true, value: 'loading' })
  })

  afterEach(() => {
    delete (document as unknown as Record<string, unknown>).readyState
  })

  it('waits until the parser has added something after an inline script, whose text may be partial', async () => {
    page(`<script type="text/plain" data-category="analytics" data-src="https://ga.test/g.js" async id="a"></script>
      <script type="text/plain" data-category="analytics" id="b">part of the co</script>`)
    gate(returning())
    expect(running()).toEqual(['a'])
    script('b').textContent += 'de()'
    document.body.append('\n')
    await tick()
    expect(running()).toEqual(['a', 'b'])
    expect(script('b').textContent).toBe('part of the code()')
  })

  it('runs the last inline script at DOMContentLoaded', () => {
    page('<script type="text/plain" data-category="analytics" id="a">last()</script>')
    gate(returning())
    expect(running()).toEqual([])
    Object.defineProperty(document, 'readyState', { configurable: true, value: 'interactive' })
    document.dispatchEvent(new Event('DOMContentLoaded'))
    expect(running()).toEqual(['a'])
  })
})

describe('gated iframes, images, media and links', () => {
  const embeds = `
    <iframe data-category="marketing" data-src="https://video.test/embed/1" id="frame"></iframe>
    <img data-category="marketing" data-src="https://img.test/a.png" data-srcset="https://img.test/a2.png 2x" id="img">
    <link rel="stylesheet" data-category="preferences" data-href="https://fonts.test/font.css" id="link">
    <video data-category="marketing" id="video" controls><source data-category="marketing" data-src="https://video.test/v.mp4" id="source"></video>
    <audio data-category="marketing" id="audio"><source data-category="marketing" data-src="https://audio.test/a.mp3" id="track"></audio>
    <picture><source data-category="marketing" data-srcset="https://img.test/wide.png" media="(min-width: 60em)" id="wide"><img data-category="marketing" data-src="https://img.test/narrow.png" id="narrow"></picture>
    <embed data-category="marketing" data-src="https://embed.test/e" id="embed">`

  it('sets the real URLs only once the category is granted', () => {
    page(embeds)
    let consent = create()
    gate(consent)
    let urls = () =>
      ['frame', 'img', 'link', 'source', 'track', 'wide', 'narrow', 'embed'].flatMap(id =>
        ['src', 'srcset', 'href'].filter(name => byId(id).hasAttribute(name)).map(name => `${id} ${name}`)
      )
    let loads = [vi.spyOn(byId('video') as HTMLVideoElement, 'load'), vi.spyOn(byId('audio') as HTMLAudioElement, 'load')]
    expect(urls()).toEqual([])
    consent.setConsent({ preferences: true })
    expect(urls()).toEqual(['link href'])
    expect(byId('link').getAttribute('href')).toBe('https://fonts.test/font.css')
    expect(byId('link').hasAttribute('data-href')).toBe(false)
    consent.acceptAll()
    expect(urls()).toEqual([
      'frame src',
      'img src',
      'img srcset',
      'link href',
      'source src',
      'track src',
      'wide srcset',
      'narrow src',
      'embed src'
    ])
    expect(iframe('frame').getAttribute('src')).toBe('https://video.test/embed/1')
    expect(byId('img').getAttribute('srcset')).toBe('https://img.test/a2.png 2x')
    // Media elements chose their source when parsed: they are told to look again.
    expect(loads.map(load => load.mock.calls.length)).toEqual([1, 1])
  })

  it('offers each blocked iframe once to onBlockedEmbed, whose load() loads that one alone', () => {
    page(`
      ${embeds}
      <iframe data-category="marketing" data-src="https://video.test/embed/2" id="other"></iframe>
      <iframe data-category="!marketing" data-src="https://video.test/notice" id="fallback"></iframe>`)
    let consent = create()
    let blocked: [HTMLIFrameElement, () => void][] = []
    let loaded: HTMLIFrameElement[] = []
    gate(consent, {
      onBlockedEmbed: (element, { load }) => blocked.push([element, load]),
      onEmbedLoaded: element => loaded.push(element)
    })
    expect(blocked.map(([element]) => element.id)).toEqual(['frame', 'other'])
    consent.setConsent({ analytics: true })
    expect(blocked).toHaveLength(2)
    // Marketing is now refused: the fallback loads.
    expect(loaded).toEqual([iframe('fallback')])

    blocked[0][1]()
    blocked[0][1]()
    expect(iframe('frame').getAttribute('src')).toBe('https://video.test/embed/1')
    expect(iframe('other').hasAttribute('src')).toBe(false)
    expect(byId('img').hasAttribute('src')).toBe(false)
    expect(loaded).toEqual([iframe('fallback'), iframe('frame')])

    consent.acceptAll()
    expect(iframe('other').getAttribute('src')).toBe('https://video.test/embed/2')
    expect(loaded).toEqual([iframe('fallback'), iframe('frame'), iframe('other')])
  })

  it('tells onEmbedLoaded about iframes loaded at the start, and offers none as blocked', () => {
    page(embeds)
    let blocked: HTMLIFrameElement[] = []
    let loaded: HTMLIFrameElement[] = []
    gate(returning(), {
      onBlockedEmbed: element => blocked.push(element),
      onEmbedLoaded: element => loaded.push(element)
    })
    expect(blocked).toEqual([])
    expect(loaded).toEqual([iframe('frame')])
  })
})

describe('content added later', () => {
  it('gates elements added after the start, nested ones too', async () => {
    let consent = create()
    let blocked: string[] = []
    gate(consent, { onBlockedEmbed: element => blocked.push(element.id) })
    let route = document.createElement('main')
    let inner = document.createElement('div')
    let tag = document.createElement('script')
    Object.assign(tag, { type: 'text/plain', id: 'a', textContent: 'route()' })
    tag.dataset.category = 'analytics'
    let frame = document.createElement('iframe')
    Object.assign(frame, { id: 'b' })
    Object.assign(frame.dataset, { category: 'marketing', src: 'https://video.test/embed/3' })
    inner.append(tag, frame)
    route.append(inner)
    document.body.append(route)
    await tick()
    expect(running()).toEqual([])
    expect(blocked).toEqual(['b'])
    consent.acceptAll()
    expect(running()).toEqual(['a'])
    expect(iframe('b').getAttribute('src')).toBe('https://video.test/embed/3')
  })

  it('activates an element added while its category is granted', async () => {
    gate(returning())
    let tag = document.createElement('script')
    Object.assign(tag, { type: 'text/plain', id: 'a', textContent: 'late()' })
    tag.dataset.category = 'analytics'
    let image = document.createElement('img')
    Object.assign(image, { id: 'b' })
    Object.assign(image.dataset, { category: 'marketing', src: 'https://img.test/b.png' })
    document.body.append(tag, image)
    await tick()
    expect(running()).toEqual(['a'])
    expect(byId('b').getAttribute('src')).toBe('https://img.test/b.png')
  })

  it('runs scripts added together in document order, not in the order they were added', async () => {
    gate(returning())
    let later = document.createElement('script')
    Object.assign(later, { type: 'text/plain', id: 'later', textContent: 'uses.lib()' })
    later.dataset.category = 'analytics'
    let lib = document.createElement('script')
    Object.assign(lib, { type: 'text/plain', id: 'lib' })
    Object.assign(lib.dataset, { category: 'analytics', src: 'https://cdn.test/lib.js' })
    document.body.append(later)
    later.before(lib)
    await tick()
    expect(running()).toEqual(['lib'])
    fire(script('lib'), 'load')
    expect(running()).toEqual(['lib', 'later'])
  })

  it('watches only inside options.root', async () => {
    page('<div id="widget"></div><img data-category="marketing" data-src="https://img.test/out.png" id="out">')
    gate(returning(), { root: byId('widget') })
    expect(byId('out').hasAttribute('src')).toBe(false)
    let image = document.createElement('img')
    Object.assign(image.dataset, { category: 'marketing', src: 'https://img.test/in.png' })
    byId('widget').append(image)
    await tick()
    expect(image.getAttribute('src')).toBe('https://img.test/in.png')
  })
})

describe('whenGranted', () => {
  it('runs at once when the category is granted', () => {
    let events: string[] = []
    gate(returning()).whenGranted('analytics', () => events.push('run'))
    expect(events).toEqual(['run'])
  })

  it('runs once, at the moment of the grant', () => {
    let consent = create()
    let events: string[] = []
    gate(consent).whenGranted('analytics', () => events.push('run'))
    consent.setConsent({ marketing: true })
    expect(events).toEqual([])
    consent.setConsent({ analytics: true })
    expect(events).toEqual(['run'])
    consent.rejectAll()
    consent.acceptAll()
    expect(events).toEqual(['run'])
  })

  it('waits for the named service', () => {
    let consent = create()
    let events: string[] = []
    gate(consent).whenGranted('analytics', () => events.push('hotjar'), 'hotjar')
    consent.setConsent({ analytics: { ga4: true } })
    expect(events).toEqual([])
    consent.setConsent({ analytics: { hotjar: true } })
    expect(events).toEqual(['hotjar'])
  })

  it('never runs once cancelled', () => {
    let consent = create()
    let events: string[] = []
    let gated = gate(consent)
    let cancel = gated.whenGranted('analytics', () => events.push('run'))
    cancel()
    consent.acceptAll()
    expect(events).toEqual([])
    gated.whenGranted('analytics', () => events.push('now'))()
    expect(events).toEqual(['now'])
  })
})

describe('loadScript', () => {
  it('inserts the script once granted, with its attributes and the nonce, and resolves on load', async () => {
    let consent = create()
    let loading = gate(consent, { nonce: 'from-options' }).loadScript(
      'https://chat.test/widget.js',
      'preferences',
      { id: 'chat', 'data-key': 'k1', crossorigin: 'anonymous' }
    )
    expect(document.querySelector('script')).toBeNull()
    consent.acceptAll()
    let chat = document.head.querySelector('script') as HTMLScriptElement
    expect(chat.id).toBe('chat')
    expect(chat.getAttribute('src')).toBe('https://chat.test/widget.js')
    expect(chat.dataset.key).toBe('k1')
    expect(chat.getAttribute('crossorigin')).toBe('anonymous')
    expect(chat.nonce).toBe('from-options')
    fire(chat, 'load')
    await expect(loading).resolves.toBeUndefined()
  })

  it('rejects when the script fails to load', async () => {
    let loading = gate(returning()).loadScript('https://blocked.test/a.js', 'analytics', { nonce: 'own' }, 'ga4')
    let blocked = document.head.querySelector('script') as HTMLScriptElement
    expect(blocked.nonce).toBe('own')
    fire(blocked, 'error')
    await expect(loading).rejects.toThrow('consentry: could not load https://blocked.test/a.js')
  })

  it('sets no nonce when there is none to give', () => {
    void gate(returning()).loadScript('https://ga.test/g.js', 'analytics')
    expect((document.head.querySelector('script') as HTMLScriptElement).nonce).toBeFalsy()
  })
})

describe('stop', () => {
  it('stops gating: no more grants, additions, waiting scripts or whenGranted calls', async () => {
    page(`
      <script type="text/plain" data-category="essential" data-src="https://cdn.test/lib.js" id="lib"></script>
      <script type="text/plain" data-category="essential" id="init">lib.init()</script>
      <script type="text/plain" data-category="analytics" id="a">track()</script>`)
    let consent = create()
    let events: string[] = []
    let gated = gate(consent)
    gated.whenGranted('analytics', () => events.push('run'))
    expect(running()).toEqual(['lib'])
    gated.stop()
    fire(script('lib'), 'load')
    consent.acceptAll()
    let image = document.createElement('img')
    Object.assign(image.dataset, { category: 'marketing', src: 'https://img.test/b.png' })
    document.body.append(image)
    await tick()
    expect(running()).toEqual(['lib'])
    expect(image.hasAttribute('src')).toBe(false)
    expect(events).toEqual([])
  })
})
