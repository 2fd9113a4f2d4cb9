// @vitest-environment happy-dom
import { createConsent, memoryStorage } from '@consentry/core'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { mount } from './mount.js'
import type { UiHandle } from './mount.js'

let handles: UiHandle[] = []
const start = (config: Record<string, unknown> = {}, options = {}) => {
  let consent = createConsent(config, { storage: memoryStorage(), onMessage: () => {} })
  let handle = mount(consent, options)
  handles.push(handle)
  return { consent, handle, root: handle.host.shadowRoot as ShadowRoot }
}

afterEach(() => {
  for (let handle of handles.splice(0)) handle.destroy()
  document.body.replaceChildren()
})

describe('mount', () => {
  it('renders into an open shadow root on its own host element, with its stylesheet adopted', () => {
    let { handle, root } = start()
    expect(handle.host.tagName).toBe('CONSENTRY-UI')
    expect(handle.host.parentElement).toBe(document.body)
    expect(root.querySelector('section.cc-banner h2')?.textContent).toBe('We value your privacy')
    expect(root.adoptedStyleSheets).toHaveLength(1)
    // Nothing outside the shadow root: the page's DOM and CSS are untouched.
    expect(document.body.children).toHaveLength(1)
  })

  it('falls back to a nonce-carrying <style> without constructable stylesheets (T-07)', async () => {
    vi.stubGlobal('CSSStyleSheet', class {})
    try {
      let { root } = start({ ui: { nonce: 'from-config' } }, { nonce: 'from-script' })
      let style = root.querySelector('style') as HTMLStyleElement
      expect(style.nonce).toBe('from-script')
      expect(style.textContent).toContain('.cc-banner')
      // The panel's own <style> carries the same nonce.
      ;(root.querySelector('[part~="customize"]') as HTMLButtonElement).click()
      await vi.waitUntil(() => root.querySelector('dialog.cc-panel'))
      expect([...root.querySelectorAll('style')].map(element => [element.nonce, element.textContent?.includes('.cc-categories')])).toEqual([
        ['from-script', false],
        ['from-script', true]
      ])
      expect((start({ ui: { nonce: 'from-config' } }).root.querySelector('style') as HTMLStyleElement).nonce).toBe('from-config')
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('appends to the given target and sets the language', () => {
    let target = document.createElement('div')
    document.body.append(target)
    let { handle, root } = start({}, { language: 'fr' })
    expect(root.querySelector('.cc-root')?.getAttribute('lang')).toBe('fr')
    let other = start({}, { target }).handle
    expect(other.host.parentElement).toBe(target)
    expect(handle.host.parentElement).toBe(document.body)
  })

  it('opens the panel from any data-consentry="preferences" element, even one added later (G-07)', async () => {
    let { root } = start()
    let link = document.createElement('a')
    link.href = '#'
    link.dataset.consentry = 'preferences'
    link.innerHTML = '<span>Cookie settings</span>'
    document.body.append(link)
    link.focus()
    let click = new MouseEvent('click', { bubbles: true, cancelable: true })
    ;(link.firstChild as HTMLElement).dispatchEvent(click)
    expect(click.defaultPrevented).toBe(true)
    let dialog = await vi.waitUntil(() => root.querySelector<HTMLDialogElement>('dialog.cc-panel'))
    expect(dialog.open).toBe(true)
    expect(root.activeElement).toBe(root.querySelector('.cc-panel h2'))
  })

  it('opts out of marketing from a data-consentry="do-not-sell" link in one click (R-11)', () => {
    let { consent } = start({ mode: 'opt-out' })
    let link = document.createElement('a')
    link.dataset.consentry = 'do-not-sell'
    document.body.append(link)
    link.click()
    expect(consent.$record.get()?.categories).toMatchObject({ analytics: true, marketing: false })
    // The page's own link is not a layer of Consentry's UI (G-10).
    expect(consent.$record.get()).not.toHaveProperty('uiLayer')
  })

  it('records the layer each decision was taken on: banner, panel, or none through the handle (G-10)', async () => {
    let { consent, handle, root } = start({ ui: { closeButton: true } })
    let click = (selector: string) => root.querySelector<HTMLButtonElement>(selector)!.click()
    click('.cc-banner [part~="accept-all"]')
    expect(consent.$record.get()).toMatchObject({ method: 'accept-all', uiLayer: 'first' })
    handle.showPreferences()
    await vi.waitUntil(() => root.querySelector('dialog.cc-panel'))
    click('.cc-panel [part~="reject-all"]')
    expect(consent.$record.get()).toMatchObject({ method: 'reject-all', uiLayer: 'second' })
    handle.showPreferences()
    await vi.waitUntil(() => root.querySelector('dialog.cc-panel'))
    click('.cc-panel [part~="save"]')
    expect(consent.$record.get()).toMatchObject({ method: 'custom', uiLayer: 'second' })
    handle.showBanner()
    click('.cc-banner [part~="close"]')
    expect(consent.$record.get()).toMatchObject({ method: 'dismiss', uiLayer: 'first' })
    // The handle is what the JS API calls: a decision there names no layer, banner shown or not.
    handle.showBanner()
    handle.acceptAll()
    expect(consent.$record.get()?.method).toBe('accept-all')
    expect(consent.$record.get()).not.toHaveProperty('uiLayer')
  })

  it('gives focus back to what opened the panel when it closes (A-02)', async () => {
    let { handle, root } = start()
    let opener = document.createElement('button')
    document.body.append(opener)
    opener.focus()
    handle.showPreferences()
    await vi.waitUntil(() => root.querySelector('dialog.cc-panel'))
    handle.closePreferences()
    expect(root.querySelector('dialog.cc-panel')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('follows the system colour scheme in "auto" mode, and a fixed one otherwise', () => {
    let listeners: (() => void)[] = []
    let query = { matches: true, addEventListener: (_: string, fn: () => void) => listeners.push(fn), removeEventListener: () => {} }
    vi.stubGlobal('matchMedia', () => query)
    try {
      let auto = start().root.querySelector('.cc-root') as HTMLElement
      expect(auto.className).toBe('cc-root cc-dark')
      query.matches = false
      for (let listener of listeners) listener()
      expect(auto.className).toBe('cc-root cc-light')
      let light = start({ ui: { colorScheme: 'light' } }).root.querySelector('.cc-root') as HTMLElement
      query.matches = true
      for (let listener of listeners) listener()
      expect(light.className).toBe('cc-root cc-light')
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('opens a blocking first layer as a modal dialog', () => {
    let { root } = start({ ui: { blocking: true } })
    expect((root.querySelector('dialog.cc-banner') as HTMLDialogElement).open).toBe(true)
  })

  it('re-renders when the decision changes elsewhere', () => {
    let { consent, root } = start()
    consent.acceptAll()
    expect(root.querySelector('.cc-banner')).toBeNull()
    consent.reset()
    expect(root.querySelector('.cc-banner')).not.toBeNull()
  })

  it('preloads the panel\'s code once the browser is idle after the banner shows', async () => {
    let idle: Array<() => void> = []
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => idle.push(fn))
    try {
      let loads = 0
      let loadPanel = () => {
        loads++
        return import('./panel.js')
      }
      let { handle, root } = start({}, { loadPanel })
      // Not while the banner is being drawn: the first layer is shown without the panel's code.
      expect(root.querySelector('section.cc-banner')).not.toBeNull()
      expect([loads, idle.length]).toEqual([0, 1])
      idle.shift()?.()
      expect(loads).toBe(1)
      handle.showPreferences()
      await vi.waitUntil(() => root.querySelector('dialog.cc-panel'))
      expect(loads).toBe(1)

      // Destroyed, or answered, before the browser was idle: nothing is fetched.
      let other = start({}, { loadPanel })
      other.handle.destroy()
      idle.shift()?.()
      let answered = start({}, { loadPanel })
      answered.handle.acceptAll()
      idle.shift()?.()
      expect(loads).toBe(1)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('runs no panel code on a banner decision, though the code is there; draws and removes the panel when opened and closed', async () => {
    let idle: Array<() => void> = []
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => idle.push(fn))
    try {
      let module = await import('./panel.js')
      let drawPanel = vi.fn(module.drawPanel)
      let loads = 0
      let { handle, root } = start({}, { loadPanel: async () => (loads++, { drawPanel }) })
      idle.shift()?.()
      // The preloaded code has arrived (a task later, every promise settled).
      await new Promise(resolve => setTimeout(resolve, 0))
      expect(loads).toBe(1)
      ;(root.querySelector('[part~="accept-all"]') as HTMLButtonElement).click()
      expect(root.querySelector('section.cc-banner')).toBeNull()
      expect(drawPanel).not.toHaveBeenCalled()
      handle.showPreferences()
      expect(root.querySelector('dialog.cc-panel')).not.toBeNull()
      handle.closePreferences()
      expect(root.querySelector('dialog.cc-panel')).toBeNull()
      expect(drawPanel.mock.calls.map(([, props]) => props && 'open')).toEqual(['open', null])
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('does not preload the panel with ui.preloadPanel false, or when the visitor saves data', () => {
    let idle: Array<() => void> = []
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => idle.push(fn))
    try {
      let loadPanel = vi.fn(() => import('./panel.js'))
      start({ ui: { preloadPanel: false } }, { loadPanel })
      expect(idle).toHaveLength(0)
      vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { connection: { saveData: true } }))
      start({}, { loadPanel })
      expect(idle).toHaveLength(0)
      expect(loadPanel).not.toHaveBeenCalled()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('without preloading, loads the panel\'s code only when asked, or when the pointer or focus reaches Customize', async () => {
    let loads = 0
    let loadPanel = () => {
      loads++
      return import('./panel.js')
    }
    let { root } = start({ ui: { preloadPanel: false } }, { loadPanel })
    expect(loads).toBe(0)
    // Reaching Accept all or Reject all loads nothing: their tags get the network and the CPU.
    for (let part of ['accept-all', 'reject-all']) root.querySelector(`[part~="${part}"]`)?.dispatchEvent(new Event('pointerenter'))
    ;(root.querySelector('[part~="reject-all"]') as HTMLButtonElement).focus()
    expect(loads).toBe(0)
    root.querySelector('[part~="customize"]')?.dispatchEvent(new Event('pointerenter'))
    expect(loads).toBe(1)
    expect(root.adoptedStyleSheets).toHaveLength(1)
    ;(root.querySelector('[part~="customize"]') as HTMLButtonElement).click()
    await vi.waitUntil(() => root.querySelector('dialog.cc-panel'))
    expect(loads).toBe(1)
    // The panel brings its own rules, once, after the first layer's.
    expect(root.adoptedStyleSheets).toHaveLength(2)
    expect([...root.adoptedStyleSheets[1].cssRules].map(rule => rule.cssText).join('')).toContain('.cc-categories')
    ;(root.querySelector('[part~="close"]') as HTMLButtonElement).click()
    ;(root.querySelector('[part~="customize"]') as HTMLButtonElement).click()
    await vi.waitUntil(() => root.querySelector('dialog.cc-panel'))
    expect(root.adoptedStyleSheets).toHaveLength(2)
  })

  it('runs a deferred panel file\'s code once the pointer or focus reaches Customize, before any click', async () => {
    let prepared = 0
    let module = await import('./panel.js')
    let loadPanel = async () => ({ drawPanel: module.drawPanel, prepare: () => void prepared++ })
    let { root } = start({ ui: { preloadPanel: false } }, { loadPanel })
    root.querySelector('[part~="reject-all"]')?.dispatchEvent(new Event('pointerenter'))
    await Promise.resolve()
    expect(prepared).toBe(0)
    ;(root.querySelector('[part~="customize"]') as HTMLButtonElement).focus()
    await vi.waitUntil(() => prepared > 0)
    root.querySelector('[part~="customize"]')?.dispatchEvent(new Event('pointerenter'))
    await vi.waitUntil(() => prepared > 1)
    // The click only draws: nothing more is asked of the file.
    ;(root.querySelector('[part~="customize"]') as HTMLButtonElement).click()
    await vi.waitUntil(() => root.querySelector('dialog.cc-panel'))
    expect(prepared).toBe(2)
  })

  it('keeps the first layer working when the panel\'s code cannot be loaded', async () => {
    let error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      let attempts = 0
      let loadPanel = () => {
        attempts++
        return Promise.reject(new Error('blocked by an extension'))
      }
      let { consent, handle, root } = start({}, { loadPanel })
      handle.showPreferences()
      await vi.waitUntil(() => error.mock.calls.length > 0)
      expect(error.mock.calls[0][0]).toBe('consentry: the preferences panel could not be loaded (blocked by an extension)')
      expect(handle.$view.get().panel).toBe(false)
      // A later attempt tries again; the banner's own buttons still decide.
      handle.showPreferences()
      await vi.waitUntil(() => attempts === 2)
      ;(root.querySelector('[part~="reject-all"]') as HTMLButtonElement).click()
      expect(consent.$record.get()?.method).toBe('reject-all')
    } finally {
      error.mockRestore()
    }
  })

  it('draws nothing when destroyed before the panel\'s code arrives', async () => {
    let arrive: (module: typeof import('./panel.js')) => void = () => {}
    let { handle, root } = start({}, { loadPanel: () => new Promise(resolve => (arrive = resolve)) })
    handle.showPreferences()
    handle.destroy()
    arrive(await import('./panel.js'))
    await Promise.resolve()
    expect(root.querySelector('dialog')).toBeNull()
    expect(document.body.children).toHaveLength(0)
  })

  it('removes everything it added on destroy', () => {
    let { handle } = start()
    let link = document.createElement('a')
    link.dataset.consentry = 'preferences'
    document.body.append(link)
    handle.destroy()
    expect(document.querySelector('consentry-ui')).toBeNull()
    let click = new MouseEvent('click', { bubbles: true, cancelable: true })
    link.dispatchEvent(click)
    expect(click.defaultPrevented).toBe(false)
  })
})
