import type { Consent } from '@consentry/core'

import { adoptStyles } from './adopt-styles.js'
import { el } from './dom.js'
import { holdPlace, placeholderHost } from './placeholder-host.js'
import type { Texts } from './texts.js'
import { fill, isRtl } from './texts.js'

const CSS =
  ':host{all:initial;display:block}' +
  '.cc-ph{box-sizing:border-box;display:flex;flex-direction:column;justify-content:center;gap:.75em;height:100%;min-height:9em;padding:1em;' +
  'font:15px/1.5 var(--consentry-font,system-ui,sans-serif);color:var(--consentry-text,#1b1b1f);background:var(--consentry-bg,#f3f3f6);' +
  'border:1px solid var(--consentry-border,#767680);border-radius:var(--consentry-radius,8px)}' +
  '.cc-ph p{margin:0}.cc-ph div{display:flex;flex-wrap:wrap;gap:.5em}' +
  'button{min-height:44px;padding:.5em 1em;font:inherit;font-weight:600;color:var(--consentry-accent-text,#fff);' +
  'background:var(--consentry-accent,#0b57d0);border:2px solid var(--consentry-accent,#0b57d0);border-radius:var(--consentry-radius,8px);cursor:pointer}' +
  'button:focus-visible{outline:3px solid var(--consentry-accent,#0b57d0);outline-offset:2px}'

/**
 * Who provides an embed: its `data-provider`, its service's label (in the visitor's language when
 * `texts` has one), or the host of its address.
 */
export function providerOf(element: Element, consent: Consent, texts?: Texts): string {
  let named = element.getAttribute('data-provider')
  if (named) return named
  let category = (element.getAttribute('data-category') ?? '').replace(/^!/, '')
  let service = element.getAttribute('data-service')
  let label = service
    ? (texts?.categories[category]?.services?.[service]?.label ?? consent.config.categories[category]?.services[service]?.label)
    : undefined
  if (label) return label
  try {
    return new URL(element.getAttribute('data-src') ?? '', location.href).hostname.replace(/^www\./, '')
  } catch {
    return category
  }
}

export interface Placeholders {
  /** For the gate: draws a placeholder in front of an embed that is still blocked. */
  onBlockedEmbed(element: HTMLElement, actions: { load(): void }): void
  /** For the gate: removes the placeholder once the embed is loaded. */
  onEmbedLoaded(element: HTMLElement): void
  /** Removes every placeholder drawn and shows their embeds again (still without their URL), as before the start. */
  stop(): void
}

/**
 * Contextual placeholders for blocked embeds: "This content is provided by YouTube, which sets
 * marketing cookies", with "Load once" and "Allow marketing cookies" buttons. Each sits in its own
 * shadow root where the embed will appear, at the embed's size; the embed stays hidden until then.
 */
export function createPlaceholders(consent: Consent, texts: Texts, language: string, nonce?: string): Placeholders {
  /** Each embed with a placeholder, and the function that takes the placeholder away. */
  let shown = new Map<HTMLElement, () => void>()
  let loaded = (element: HTMLElement): void => {
    shown.get(element)?.()
    shown.delete(element)
  }
  return {
    onBlockedEmbed(element, { load }) {
      if (shown.has(element)) return
      let category = (element.getAttribute('data-category') ?? '').replace(/^!/, '')
      let service = element.getAttribute('data-service')
      let title = texts.categories[category]?.title ?? category
      // Under Global Privacy Control marketing cannot be allowed: only "Load once" is offered.
      let allowable = !(consent.gpc && category === 'marketing')
      let host = placeholderHost(element)
      let root = host.attachShadow({ mode: 'open' })
      adoptStyles(root, CSS, nonce ?? consent.config.ui.nonce)
      for (let name in consent.config.ui.theme) host.style.setProperty(`--consentry-${name}`, consent.config.ui.theme[name])
      let text = fill(texts.placeholderText, { provider: providerOf(element, consent, texts), category: title }).join('')
      root.append(
        el(
          'div',
          { class: 'cc-ph', role: 'group', 'aria-label': text, lang: language, dir: isRtl(language) ? 'rtl' : 'ltr', part: 'placeholder' },
          el('p', null, text),
          el(
            'div',
            null,
            el('button', { type: 'button', part: 'button load-once', onclick: load }, texts.loadOnce),
            allowable &&
              el(
                'button',
                {
                  type: 'button',
                  part: 'button allow',
                  // A service's embed allows that service only (G-04); the record says where (G-10).
                  onclick: () => consent.setConsent({ [category]: service ? { [service]: true } : true }, 'custom', 'placeholder')
                },
                fill(texts.allowCategory, { category: title }).join('')
              )
          )
        )
      )
      shown.set(element, holdPlace(element, host))
    },
    onEmbedLoaded: loaded,
    stop() {
      for (let element of shown.keys()) loaded(element)
    }
  }
}
