import type { Consent } from '@consentry/core'
import { atom } from 'nanostores'
import { h, render } from 'preact'

import { adoptStyles } from './adopt-styles.js'
import { App } from './app.js'
import { createUiController } from './controller.js'
import type { UiController } from './controller.js'
import css from './styles.css?inline'
import { buildTexts } from './texts.js'
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

/**
 * Shows the banner and preferences panel for a consent engine, inside a shadow root on a host
 * element, so the page's CSS cannot break it and its CSS cannot leak (no peer does this).
 * @example
 * let consent = createConsent(config)
 * let ui = mount(consent, { texts, language: 'fr' })
 * footerLink.onclick = () => ui.showPreferences()
 */
export function mount(consent: Consent, options: MountOptions = {}): UiHandle {
  let language = options.language ?? 'en'
  let texts =
    options.texts ?? buildTexts(Object.keys(consent.config.categories), consent.config.translations.en)
  let ui = createUiController(consent, texts.saved)
  let host = document.createElement('consentry-ui')
  let shadow = host.attachShadow({ mode: 'open' })

  adoptStyles(shadow, css, options.nonce ?? consent.config.ui.nonce)
  let container = document.createElement('div')
  shadow.append(container)
  ;(options.target ?? document.body).append(host)

  let actions: UiController = {
    ...ui,
    showPreferences() {
      opener = deepActive()
      ui.showPreferences()
    }
  }
  let $flipped = atom(false)
  let opener: Element | null = null
  let panelWasOpen = false

  let { colorScheme } = consent.config.ui
  let darkQuery = typeof matchMedia == 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined

  let draw = (): void => {
    let view = ui.$view.get()
    let scheme = colorScheme === 'auto' ? (darkQuery?.matches ? 'dark' : 'light') : colorScheme
    let position = consent.config.ui.position
    render(
      <App
        consent={consent}
        ui={actions}
        view={view}
        texts={texts}
        language={language}
        position={$flipped.get() ? mirror(position) : position}
        scheme={scheme}
      />,
      container
    )
    for (let dialog of shadow.querySelectorAll('dialog')) {
      if (dialog.open) continue
      dialog.showModal()
      // APG: a dialog that opens moves focus to its title, so screen readers start there.
      if (dialog.classList.contains('cc-banner')) dialog.querySelector('h2')?.focus()
    }
    if (view.panel && !panelWasOpen) {
      shadow.querySelector<HTMLElement>('.cc-panel h2')?.focus()
    } else if (!view.panel && panelWasOpen && opener?.isConnected) {
      // APG dialog pattern: focus goes back to what opened the panel.
      ;(opener as HTMLElement).focus()
    }
    panelWasOpen = view.panel
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
  let stop = [ui.$view.subscribe(draw), $flipped.listen(draw), consent.$record.listen(draw)]

  return {
    ...actions,
    host,
    destroy() {
      for (let unsubscribe of stop) unsubscribe()
      document.removeEventListener('click', onClick)
      document.removeEventListener('focusin', onFocusIn)
      darkQuery?.removeEventListener('change', draw)
      render(null, container)
      host.remove()
    }
  }
}
