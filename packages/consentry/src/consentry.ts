import {
  connectConsentMode,
  DEFAULT_CONSENT_MODE,
  createConsentFrom,
  hasConsentDefault,
  pushConsentDefaults,
  pushLateSettings,
  validateStart
} from '@consentry/core'
import type {
  ChangeListener,
  Consent,
  ConfigValidation,
  ConsentChoice,
  ConsentRecord,
  Gate,
  TranslationConfig
} from '@consentry/core'
import { createUi, resolveTexts } from '@consentry/ui'
import type { PanelModule, UiHandle } from '@consentry/ui'
import type { createPlaceholders } from '@consentry/ui/placeholder'

import type { MissedChange, startFollowUp } from './follow-up.js'
import { missing } from './missing.js'

/** What `loadFollowUp` resolves to: the module `./follow-up.js`. */
export interface FollowUpModule {
  startFollowUp: typeof startFollowUp
}

/** What `loadPlaceholders` resolves to: the module `./placeholders.js`. */
export interface PlaceholdersModule {
  createPlaceholders: typeof createPlaceholders
}

export interface InitOptions {
  /** Forces the language, before `config.language`, `<html lang>` and the browser's. */
  language?: string
  /** A CSP nonce for the banner's style element. */
  nonce?: string
  /** Loads a shipped translation (the drop-in fetches `i18n/<language>.json` beside itself). */
  loadTranslation?: (language: string) => Promise<TranslationConfig>
  /**
   * The Global Privacy Control signal, for a server that saw `Sec-GPC: 1` (the drop-in reads
   * `data-gpc="1"`). Either this or `navigator.globalPrivacyControl` turns it on (P-01).
   */
  gpc?: boolean
  /** The visitor's region, e.g. "US-CA" (the drop-in reads `data-region`). */
  region?: string
  /**
   * Loads the preferences panel's code on first use: `import('@consentry/ui/panel')` from npm,
   * `consentry-panel.min.js` beside the drop-in.
   */
  loadPanel?: () => Promise<PanelModule>
  /**
   * Loads what acts on decisions (the gate that runs granted tags and embeds, the vendor
   * integrations, the consent log, the sweep of refused cookies) once the banner is drawn, or at
   * once when none is: `import('consentry/follow-up')` from npm (what `init` does),
   * `consentry-follow-up.min.js` beside the drop-in. Until it arrives, gated tags wait; if it
   * cannot load, they do not run on that page.
   */
  loadFollowUp?: () => Promise<FollowUpModule>
  /**
   * Loads the embed placeholders' code when the gate first meets a blocked iframe:
   * `import('consentry/placeholders')` from npm (what `init` does), `consentry-placeholders.min.js`
   * beside the drop-in. Until it arrives, an empty box of the embed's size holds its place.
   */
  loadPlaceholders?: () => Promise<PlaceholdersModule>
  /** The data layer the drop-in already pushed Consent Mode defaults to (`data-consent-mode`). */
  consentModeEarly?: string
}

/** The page-level API: `window.Consentry` in the drop-in, or what `init()` resolves to. */
export interface ConsentryApi {
  /** Starts Consentry with a configuration object or the URL of a JSON file. */
  init(config: unknown, options?: InitOptions): Promise<ConsentryApi>
  /** Resolves once the configuration is loaded and the banner can show; rejects if it failed. */
  readonly ready: Promise<ConsentryApi>
  /** The consent engine, once started. */
  readonly consent: Consent | undefined
  acceptAll(): void
  rejectAll(): void
  /** Applies a custom choice: `{ analytics: true, marketing: false }`, or services per category. */
  setConsent(choice: ConsentChoice): void
  /** Whether a category (or one of its services) is granted; `false` until started. */
  hasConsent(category: string, service?: string): boolean
  /** The visitor's consent record, or `null` while undecided. */
  getConsent(): ConsentRecord | null
  showBanner(): void
  showPreferences(): void
  /** Forgets the decision: the banner shows again. */
  reset(): void
  /** Listens to decisions; also works before `init`. Returns the function that stops listening. */
  on(event: 'change', listener: ChangeListener): () => void
  /** Runs `fn` now if the category (or its service) is granted, else once when it is. Returns a cancel function. */
  whenGranted(category: string, fn: () => void, service?: string): () => void
  /** Loads a script once the category (or its service) is granted, with the page's nonce. */
  loadScript(src: string, category: string, attributes?: Record<string, string>, service?: string): Promise<void>
  /** Removes the banner and its listeners; `init` may then be called again. */
  destroy(): void
}

interface Started {
  consent: Consent
  ui: UiHandle
  /** The gate, once the follow-up has arrived; pending forever if it never does. */
  gate: Promise<Gate>
  stop: () => void
}

const validations = new WeakMap<object, ConfigValidation>()

/**
 * Validates a configuration object once per page: the drop-in reads an inline configuration's
 * Consent Mode settings before `init` starts, and `init` then reuses that result. The vendor
 * integrations are left for the follow-up, which checks them with the code that uses them.
 */
export function validateOnce(input: unknown): ConfigValidation {
  if (typeof input != 'object' || input === null) return validateStart(input)
  let validation = validations.get(input)
  if (!validation) validations.set(input, (validation = validateStart(input)))
  return validation
}

const nextTask = (): Promise<void> => new Promise(resolve => setTimeout(resolve, 0))

/**
 * When the configuration and the engine took longer than this (a slow phone), the banner is drawn
 * in a task of its own, so that no task grows past 50 ms; on a fast device it is drawn at once and
 * makes the page's first paint.
 */
const SLOW_START_MS = 12

async function loadConfig(source: unknown): Promise<unknown> {
  if (typeof source != 'string') return source
  let response = await fetch(source, { credentials: 'same-origin' })
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  return response.json()
}

/**
 * Creates the page-level API. Actions called before `init` finishes wait for it; listeners added
 * before it are attached when it starts.
 */
export function createConsentry(): ConsentryApi {
  let started: Started | undefined
  let ready: Promise<ConsentryApi> | undefined
  /** Counts starts and destroys: a start that is no longer the latest stops where it is. */
  let runs = 0
  let listeners = new Set<ChangeListener>()
  let queue: ((instance: Started) => void)[] = []
  let whenStarted = (action: (instance: Started) => void): void => {
    if (started) action(started)
    else queue.push(action)
  }

  let announce: ChangeListener = (record, previous) => {
    for (let listener of listeners) listener(record, previous)
    window.dispatchEvent(new CustomEvent('consentry:change', { detail: record }))
  }

  let api: ConsentryApi = {
    init(config, options = {}) {
      if (ready) {
        // React StrictMode and hot reload call init twice: one banner, one engine.
        console.warn('consentry: init was called again; the first call stays in effect (call destroy() first to restart)')
        return ready
      }
      let run = ++runs
      // destroy() during one of the waits below ends this start: it stops there, undoing what it began.
      let ended = (): boolean => run !== runs
      ready = (async () => {
        let input: unknown
        try {
          input = await loadConfig(config)
        } catch (error) {
          let message = `consentry: the configuration could not be loaded from ${String(config)} (${(error as Error).message}): nothing is shown and nothing is granted`
          console.warn(message)
          throw new Error(message)
        }
        // The start-up work goes in a task of its own, apart from the script's evaluation, and on a
        // slow phone apart from drawing the banner too: each stays short (no long task at 4x CPU).
        await nextTask()
        let begun = performance.now()
        // The language is settled first, so each record names the language the visitor was shown.
        let validation = validateOnce(input)
        let { language, texts } = await resolveTexts(validation.config, options)
        // Read once per page load: the spec caches the value per navigation (P-03).
        let gpc = options.gpc || (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true
        let consent = createConsentFrom(validation, { language, gpc, region: options.region })
        // The gate, the log and the sweep come in a file of their own once the banner is drawn. Until
        // then the decisions wait here, from the first listener on, and are handed over in order (G-10).
        let missed: MissedChange[] = []
        let stopFollowUp = consent.on('change', (record, previous) => missed.push([record, previous]))
        let consentMode = consent.config.consentMode
        if (consentMode && !hasConsentDefault(consentMode.dataLayer)) {
          // Late: the config came from a URL. Google tags that ran already missed the default (CM-01).
          pushConsentDefaults(consentMode)
        } else if (consentMode && options.consentModeEarly) {
          pushLateSettings(consentMode)
        } else if (!consentMode && options.consentModeEarly) {
          // The tag pushed a denied default: without updates Google tags would stay denied forever.
          console.warn('consentry: data-consent-mode is set but the configuration has no consentMode: using the defaults')
          consentMode = { ...DEFAULT_CONSENT_MODE, dataLayer: options.consentModeEarly }
        }
        if (!document.body) await new Promise(resolve => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
        else if (performance.now() - begun > SLOW_START_MS) await nextTask()
        if (ended()) {
          stopFollowUp()
          return api
        }
        // Listeners run in the order they were added: the Consent Mode update must reach the data
        // layer before any tag that the same decision starts (CM-09), and the page hears of a
        // decision (on('change'), consentry:change) before its tags start too: the gate, in the
        // follow-up, listens last.
        let stops = [() => stopFollowUp(), consentMode ? connectConsentMode(consent, consentMode) : () => {}, consent.on('change', announce)]
        let ui = createUi(consent, {
          texts,
          language,
          nonce: options.nonce,
          loadPanel: options.loadPanel ?? missing('loadPanel')
        })
        let instance: Started
        // The gate, the vendor tags, the log and the sweep: asked for once the banner is drawn, since
        // the first layer needs none of them. Tags wait for it; a decision taken meanwhile is the
        // gate's to act on when it starts, as on any page that a returning visitor opens, and the log
        // and the sweep hear it then (T-05, T-06, G-08, G-10).
        let gate = (options.loadFollowUp ?? missing('loadFollowUp'))().then(
          module => {
            // Destroyed meanwhile: nothing starts, and what waits for the gate waits for good.
            if (started !== instance) return new Promise<Gate>(() => {})
            stopFollowUp()
            let followUp = module.startFollowUp(consent, {
              shown: { config: consent.config, texts },
              missed,
              texts,
              language,
              nonce: options.nonce,
              loadPlaceholders: options.loadPlaceholders,
              dataLayer: consentMode?.dataLayer,
              integrations: validation.integrations
            })
            stopFollowUp = followUp.stop
            return followUp.gate
          },
          (error: Error) => {
            let message = `consentry: the follow-up code could not be loaded (${error.message}): gated tags do not run, decisions are not logged and refused cookies are not cleared on this page`
            if (started === instance) console.error(message)
            throw new Error(message)
          }
        )
        gate.catch(() => {})
        instance = started = { consent, ui, gate, stop: () => stops.forEach(stop => stop()) }
        // A decision made as the engine started (GPC) is announced like any other (G-10).
        if (consent.startupChange) announce(consent.startupChange.record, consent.startupChange.previous)
        for (let action of queue.splice(0)) action(started)
        return api
      })()
      // The failure is reported above; callers who await `ready` still see the rejection.
      ready.catch(() => {})
      return ready
    },
    get ready() {
      return ready ?? new Promise<ConsentryApi>(resolve => whenStarted(() => resolve(api)))
    },
    get consent() {
      return started?.consent
    },
    acceptAll: () => whenStarted(({ ui }) => ui.acceptAll()),
    rejectAll: () => whenStarted(({ ui }) => ui.rejectAll()),
    setConsent: choice => whenStarted(({ consent }) => consent.setConsent(choice)),
    hasConsent: (category, service) => started?.consent.hasConsent(category, service) ?? false,
    getConsent: () => started?.consent.$record.get() ?? null,
    showBanner: () => whenStarted(({ ui }) => ui.showBanner()),
    showPreferences: () => whenStarted(({ ui }) => ui.showPreferences()),
    reset: () => whenStarted(({ consent }) => consent.reset()),
    whenGranted(category, fn, service) {
      let cancel: (() => void) | undefined
      let cancelled = false
      whenStarted(({ gate }) =>
        gate.then(gate => {
          if (!cancelled) cancel = gate.whenGranted(category, fn, service)
        }, () => {})
      )
      return () => {
        cancelled = true
        cancel?.()
      }
    },
    loadScript: (src, category, attributes, service) =>
      new Promise((resolve, reject) => {
        whenStarted(({ gate }) => gate.then(gate => gate.loadScript(src, category, attributes, service)).then(resolve, reject))
      }),
    on(event, listener) {
      if (event !== 'change') {
        console.warn(`consentry: on: unknown event "${String(event)}" (known: change)`)
        return () => {}
      }
      // A failing listener is the site's bug: it must not stop the others or the banner.
      let safe: ChangeListener = (record, previous) => {
        try {
          listener(record, previous)
        } catch (error) {
          console.error('consentry: a change listener failed', error)
        }
      }
      listeners.add(safe)
      return () => listeners.delete(safe)
    },
    destroy() {
      runs++
      started?.stop()
      started?.ui.destroy()
      started = undefined
      ready = undefined
      queue = []
    }
  }
  return api
}
