// What acts on a decision and can wait until the banner shows: the gate that runs the tags and
// embeds a decision grants (T-01), the vendor integrations, the proof-of-consent log (G-10), the
// server's refresh of the consent cookie (T-03) and the sweep of what a refusal takes back (T-05,
// T-06, G-08). `init` loads it once the first layer is drawn (at once on a page that shows none):
// `import('./follow-up.js')` from npm, consentry-follow-up.min.js beside the drop-in.
import {
  createCleanup,
  createConsentLog,
  createCookieRefresh,
  createGate,
  integrationCookies,
  startIntegrations,
  validateIntegrations
} from '@consentry/core'
import type { Consent, Gate } from '@consentry/core'
import type { Texts } from '@consentry/ui'

import type { PlaceholdersModule } from './consentry.js'
import { lazyPlaceholders } from './embeds.js'
import { createLater } from './later.js'
import { missing } from './missing.js'

/** A decision made before this module arrived: the new record and the one it replaced. */
export type MissedChange = Parameters<Parameters<Consent['on']>[1]>

export interface FollowUpOptions {
  /** What the visitor was shown (configuration and texts): its hash names the version in each log entry. */
  shown: unknown
  /** The decisions made while this module loaded, oldest first: logged and swept before any later one. */
  missed?: MissedChange[]
  /** The texts and language of the embed placeholders: the ones the banner was drawn in. */
  texts: Texts
  language: string
  /** A CSP nonce for the scripts the gate starts and the placeholders' styles. */
  nonce?: string
  /** Loads the embed placeholders' code when the gate first meets a blocked iframe (see `InitOptions`). */
  loadPlaceholders?: () => Promise<PlaceholdersModule>
  /** The data layer that the vendor integrations push to: Consent Mode's (`dataLayer` by default). */
  dataLayer?: string
  /**
   * The configuration's `integrations` as given, when the start left them unread (`validateStart`):
   * they are checked here, each problem reported in the console by its JSON path, and the result
   * fills `consent.config.integrations`.
   */
  integrations?: unknown
}

export interface FollowUp {
  /** The gate: it runs what the visitor's decisions grant (`whenGranted`, `loadScript`). */
  gate: Gate
  /** Stops the gate, the integrations, the log, the refresh and the sweep. */
  stop(): void
}

/**
 * Starts the gate, the vendor integrations, the consent log, the server's refresh of the consent
 * cookie (`cookie.refreshUrl`) and the clearing of what decisions refuse, as `init` would have at
 * start-up. The gate acts on the decision in force when it starts, so a decision missed while this
 * module loaded needs no replay there; the log and the sweep hear every missed decision first, in
 * order. The log comes before the sweep, so that a withdrawal is sent (or queued) before
 * `reloadOnWithdraw` reloads. The log, the refresh and the sweep act on a live decision in a later
 * task, when the browser is idle or the page is hidden (`createLater`); the gate acts at once.
 * @example
 * let { gate, stop } = startFollowUp(consent, { shown: { config: consent.config, texts }, missed, texts, language: 'en' })
 */
export function startFollowUp(
  consent: Consent,
  { shown, missed = [], texts, language, nonce, loadPlaceholders = missing('loadPlaceholders'), dataLayer, integrations: given }: FollowUpOptions
): FollowUp {
  // What nobody waits for hears a decision in a later task (`createLater`): the click's own task
  // ends once the gate has run. The log and the sweep hear the missed decisions first, in order.
  let later = createLater()
  let deferred = (replay: MissedChange[]): Consent =>
    Object.create(consent, {
      on: {
        value: (event: 'change', listener: Parameters<Consent['on']>[1]) => {
          for (let [record, previous] of replay) listener(record, previous)
          return consent.on(event, (record, previous) => later.run(() => listener(record, previous)))
        }
      }
    })
  let late = deferred(missed)
  let { log, integrations, reloadOnWithdraw, cookie } = consent.config
  if (given !== undefined) {
    let read = validateIntegrations(consent.config, given)
    for (let problem of read.problems) console.warn('consentry: ' + problem.message)
    Object.assign(integrations, read.integrations)
  }
  let embeds = lazyPlaceholders(() => loadPlaceholders().then(module => module.createPlaceholders(consent, texts, language, nonce)))
  // The gate first: the tags a grant starts are on their way before the log and the sweep run.
  let gate = createGate(consent, { nonce, ...embeds })
  let stops = [
    gate.stop,
    embeds.stop,
    startIntegrations(gate, integrations, dataLayer),
    log ? createConsentLog(late, log, { shown }) : () => {},
    // Only the latest decision's cookie needs refreshing: it asks for the current one, not each missed.
    cookie.refreshUrl ? createCookieRefresh(deferred([]), cookie.refreshUrl) : () => {},
    createCleanup(late, { extra: integrationCookies(integrations), reload: reloadOnWithdraw }),
    // Last: what the decisions before `stop()` queued still runs.
    later.stop
  ]
  return { gate, stop: () => stops.forEach(stop => stop()) }
}
