import type { Consent } from '@consentry/core'
import { atom } from 'nanostores'

import { adoptStyles } from './adopt-styles.js'
import { createBanner, createGpcNotice } from './banner.js'
import { createUiController } from './controller.js'
import type { UiController } from './controller.js'
import { el } from './dom.js'
import type { PanelModule } from './panel.js'
import css from './styles.css?inline'
import { buildTexts, isRtl } from './texts.js'
import type { Texts } from './texts.js'

export interface MountOptions {
  /** The texts to show. @default English, with the configuration's `translations.en` over it */
  texts?: Texts
  /** The language of the texts, set as `lang` on the banner. @default "en" */
  language?: string
  /** Where the banner's host element is appended. @default document.body */
  target?: Element
  /** A CSP nonce for the `<style>` element used where constructable stylesheets are missing (T-07). */
  nonce?: string
  /**
   * Loads the preferences panel's code after the first layer shows: when the browser is idle
   * (`ui.preloadPanel`), or when the visitor opens the panel or points at or focuses Customize.
   * @default a dynamic `import()`, which bundlers split into its own chunk; the drop-in loads
   * `consentry-panel.min.js` beside itself
   */
  loadPanel?: () => Promise<PanelModule>
}

export interface UiHandle extends UiController {
  /** The element that holds the shadow root. */
  host: HTMLElement
  /** Removes the banner and every listener it added to the page. */
  destroy(): void
}

const mirror = (position: string): string =>
  position.startsWith('bottom') ? position.replace('bottom', 'top') : position.replace('top', 'bottom')

/** The focused element, looking inside shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
  return active
}

/** Runs `fn` when the browser is idle, within 2 s; where requestIdleCallback is missing (Safari), after 300 ms. */
const whenIdle = (fn: () => void): void => {
  if (typeof requestIdleCallback == 'function') requestIdleCallback(fn, { timeout: 2000 })
  else setTimeout(fn, 300)
}

/** The visitor asked the browser to save data (Chromium's Save-Data, Network Information API). */
const savesData = (): boolean => !!(navigator as { connection?: { saveData?: boolean } }).connection?.saveData

/** Loads the panel's code as its own chunk. */
export const loadPanel = (): Promise<PanelModule> => import('./panel.js')

/**
 * Shows the banner and preferences panel for a consent engine, inside a shadow root on a host
 * element, so the page's CSS cannot break it and its CSS cannot leak (no peer does this).
 * @example
 * let consent = createConsent(config)
 * let ui = mount(consent, { texts, language: 'fr' })
 * footerLink.onclick = () => ui.showPreferences()
 */
export const mount = (consent: Consent, options: MountOptions = {}): UiHandle => createUi(consent, { loadPanel, ...options })

/**
 * `mount` without the built-in `import()` of the panel, for builds that load it their own way
 * (the drop-in's classic script cannot split code): `options.loadPanel` is required.
 */
export function createUi(consent: Consent, options: MountOptions & Required<Pick<MountOptions, 'loadPanel'>>): UiHandle {
  let language = options.language ?? 'en'
  let texts =
    options.texts ?? buildTexts(Object.keys(consent.config.categories), consent.config.translations.en)
  let ui = createUiController(consent, texts.saved)
  let host = document.createElement('consentry-ui')
  let shadow = host.attachShadow({ mode: 'open' })
  let { theme, reopenButton, colorScheme } = consent.config.ui

  adoptStyles(shadow, css, options.nonce ?? consent.config.ui.nonce)
  let panelBox = el('div', null)
  let status = el('div', { role: 'status', class: 'cc-sr' })
  let root = el('div', { lang: language, dir: isRtl(language) ? 'rtl' : 'ltr', part: 'root' }, panelBox, status)
  for (let name in theme) root.style.setProperty(`--consentry-${name}`, theme[name])
  shadow.append(root)
  ;(options.target ?? document.body).append(host)

  // What the banner and the panel call: a decision taken there names its layer (G-10). The
  // handle returned below, which the JS API calls, passes none.
  let actions: UiController = {
    ...ui,
    showPreferences() {
      opener = deepActive()
      ui.showPreferences()
    }
  }
  for (let name of ['save', 'acceptAll', 'rejectAll', 'dismiss', 'optOut'] as const) {
    actions[name] = () => ui[name](ui.$view.get().panel ? 'second' : 'first')
  }
  let $flipped = atom(false)
  let opener: Element | null = null
  let panelWasOpen = false
  let banner: HTMLElement | undefined
  let reopen: HTMLElement | undefined
  let notice: HTMLElement | undefined
  // the opt-out that GPC made in an opt-out region is shown, not only recorded. Once closed,
  // the notice stays closed for the browser session; other pages never touch sessionStorage.
  let noticeKey = 'consentry-gpc-notice'
  let noticeClosed = !(consent.gpc && consent.mode === 'opt-out')
  try {
    noticeClosed ||= sessionStorage.getItem(noticeKey) === 'closed'
  } catch {}
  let closeNotice = (): void => {
    noticeClosed = true
    try {
      sessionStorage.setItem(noticeKey, 'closed')
    } catch {}
    draw()
  }
  let panel: PanelModule | undefined
  let loading: Promise<void> | undefined
  let destroyed = false

  // The panel's code comes when the browser is idle after the banner shows (ui.preloadPanel), on
  // first use, or as soon as the pointer or focus reaches Customize. A failure is said only while
  // the visitor wants the panel: a failed early load is tried again, and reported, when they do.
  let load = (): Promise<void> =>
    (loading ??= options.loadPanel().then(
      module => {
        panel = module
        if (!destroyed) draw()
      },
      (error: Error) => {
        loading = undefined
        if (ui.$view.get().panel) {
          console.error(`consentry: the preferences panel could not be loaded (${error?.message ?? error})`)
          ui.closePreferences()
        }
      }
    ))

  let darkQuery = typeof matchMedia == 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined

  let draw = (): void => {
    let view = ui.$view.get()
    let position = consent.config.ui.position
    root.className = `cc-root cc-${colorScheme === 'auto' ? (darkQuery?.matches ? 'dark' : 'light') : colorScheme}`
    if (view.banner && !banner) {
      banner = createBanner({ consent, ui: actions, texts }, position)
      // A visitor about to customize: the pointer or the focus reaches the button. Not on the
      // other buttons, so that the panel's code never competes with the tags that Accept all starts.
      // The panel's code is then run too, where its file defers it, so the click has only to draw.
      let customize = banner.querySelector('[part~="customize"]')
      let warm = (): void => void load().then(() => panel?.prepare?.())
      for (let type of ['pointerenter', 'focus']) customize?.addEventListener(type, warm, { once: true })
      // Ready before the visitor reaches Customize: an instant second layer for 6.8 kB (gzip) that
      // a visitor who only ever sees the banner downloads too, after it and when nothing else runs.
      // Not once the banner is answered: the panel is then rarely wanted and comes on demand.
      if (consent.config.ui.preloadPanel && !savesData()) {
        whenIdle(() => {
          if (!destroyed && ui.$view.get().banner) void load()
        })
      }
      root.prepend(banner)
    } else if (!view.banner && banner) {
      banner.remove()
      banner = undefined
    }
    banner?.setAttribute('class', `cc-banner cc-${consent.config.ui.layout} cc-${$flipped.get() ? mirror(position) : position}`)
    let wantNotice = !noticeClosed && !view.banner && !view.panel
    if (wantNotice && !notice) {
      notice = createGpcNotice({ ui: actions, texts }, closeNotice)
      root.prepend(notice)
    } else if (!wantNotice && notice) {
      notice.remove()
      notice = undefined
    }
    if (reopenButton && !view.banner && !notice && !reopen) {
      reopen = el(
        'button',
        { type: 'button', class: `cc-btn cc-reopen cc-reopen-${reopenButton}`, part: 'reopen', onclick: actions.showPreferences },
        texts.settings
      )
      status.before(reopen)
    } else if ((view.banner || notice) && reopen) {
      reopen.remove()
      reopen = undefined
    }
    if (status.textContent !== view.status) status.textContent = view.status
    if (view.panel && !panel) void load()
    // Only while the panel is open or closing: "Accept all" on the banner runs no panel code
    // before the tags it starts (the panel's code is usually there, preloaded).
    if (view.panel || panelWasOpen) panel?.drawPanel(panelBox, view.panel ? { consent, ui: actions, texts, draft: view.draft } : null)
    let open = view.panel && !!panel
    for (let dialog of shadow.querySelectorAll('dialog')) {
      if (dialog.open) continue
      dialog.showModal()
      // APG: a dialog that opens moves focus to its title, so screen readers start there.
      if (dialog.classList.contains('cc-banner')) dialog.querySelector('h2')?.focus()
    }
    if (open && !panelWasOpen) {
      shadow.querySelector<HTMLElement>('.cc-panel h2')?.focus()
    } else if (!open && panelWasOpen && opener?.isConnected) {
      // APG dialog pattern: focus goes back to what opened the panel.
      ;(opener as HTMLElement).focus()
    }
    panelWasOpen = open
  }

  // Any element with data-consentry="preferences", even one added later, opens the panel (G-07);
  // data-consentry="do-not-sell" is the one-click opt-out of sale and sharing.
  let onClick = (event: MouseEvent): void => {
    let trigger = (event.target as Element | null)?.closest?.('[data-consentry="preferences"], [data-consentry="do-not-sell"]')
    if (!trigger) return
    event.preventDefault()
    if (trigger.getAttribute('data-consentry') === 'do-not-sell') return ui.optOut()
    opener = trigger
    ui.showPreferences()
  }

  // WCAG 2.4.11: a page element that receives focus must not end up hidden behind the banner.
  let onFocusIn = (event: FocusEvent): void => {
    let banner = shadow.querySelector('section.cc-banner')
    let target = event.target as Element
    if (!banner || target === host) return
    let covered = (): number => {
      let a = banner.getBoundingClientRect()
      let b = target.getBoundingClientRect()
      let hidden = b.top >= a.top && b.bottom <= a.bottom && b.left >= a.left && b.right <= a.right
      return hidden ? (a.top > innerHeight / 2 ? b.bottom - a.top : b.top - a.bottom) : 0
    }
    let shift = covered()
    if (shift) window.scrollBy(0, shift + Math.sign(shift) * 8)
    if (covered()) $flipped.set(!$flipped.get())
  }

  document.addEventListener('click', onClick)
  document.addEventListener('focusin', onFocusIn)
  darkQuery?.addEventListener('change', draw)
  let stop = [ui.$view.subscribe(draw), $flipped.listen(draw)]

  return {
    ...ui,
    showPreferences: actions.showPreferences,
    host,
    destroy() {
      for (let unsubscribe of stop) unsubscribe()
      document.removeEventListener('click', onClick)
      document.removeEventListener('focusin', onFocusIn)
      darkQuery?.removeEventListener('change', draw)
      destroyed = true
      panel?.drawPanel(panelBox, null)
      host.remove()
    }
  }
}
