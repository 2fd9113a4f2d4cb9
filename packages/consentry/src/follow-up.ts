// What follows a decision and can wait until the banner shows: the proof-of-consent log (G-10),
// the server's refresh of the consent cookie (T-03) and the sweep of what a refusal takes back
// (T-05, T-06, G-08). `init` loads it after the first layer
// is drawn: `import('./follow-up.js')` from npm, consentry-follow-up.min.js beside the drop-in.
import { createCleanup, createConsentLog, createCookieRefresh, integrationCookies } from '@consentry/core'
import type { Consent } from '@consentry/core'

/** A decision made before this module arrived: the new record and the one it replaced. */
export type MissedChange = Parameters<Parameters<Consent['on']>[1]>

export interface FollowUpOptions {
  /** What the visitor was shown (configuration and texts): its hash names the version in each log entry. */
  shown: unknown
  /** The decisions made while this module loaded, oldest first: logged and swept before any later one. */
  missed?: MissedChange[]
}

/**
 * Starts logging decisions, refreshing the consent cookie from the server (`cookie.refreshUrl`)
 * and clearing what decisions refuse, as `init` would have at start-up: the log first, so that a
 * withdrawal is sent (or queued) before `reloadOnWithdraw` reloads.
 * @returns The function that stops them all.
 * @example
 * let stop = startFollowUp(consent, { shown: { config: consent.config, texts }, missed })
 */
export function startFollowUp(consent: Consent, { shown, missed = [] }: FollowUpOptions): () => void {
  // Each listener hears the missed decisions first, in order, then the live ones.
  let late: Consent = Object.create(consent, {
    on: {
      value: (event: 'change', listener: Parameters<Consent['on']>[1]) => {
        for (let [record, previous] of missed) listener(record, previous)
        return consent.on(event, listener)
      }
    }
  })
  let { log, integrations, reloadOnWithdraw, cookie } = consent.config
  let stops = [
    log ? createConsentLog(late, log, { shown }) : () => {},
    // Only the latest decision's cookie needs refreshing: it asks for the current one, not each missed.
    cookie.refreshUrl ? createCookieRefresh(consent, cookie.refreshUrl) : () => {},
    createCleanup(late, { extra: integrationCookies(integrations), reload: reloadOnWithdraw })
  ]
  return () => stops.forEach(stop => stop())
}
