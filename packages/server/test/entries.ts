import { randomUUID } from 'node:crypto'

import type { ConsentEntry } from '../src/parse-entry.js'

/** A valid entry as the SDK sends it: a first "accept all" on the banner unless told otherwise. */
export function makeEntry(overrides: Partial<ConsentEntry> = {}): ConsentEntry {
  return {
    id: randomUUID(),
    previousId: null,
    at: '2026-11-23T10:00:00.000Z',
    givenAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
    revision: 1,
    configHash: '1a2b3c4d',
    language: 'en',
    categories: { essential: true, analytics: true, marketing: true },
    services: { analytics: { ga4: true }, marketing: { meta: true } },
    method: 'accept-all',
    action: 'accept-all',
    uiLayer: 'first',
    gpc: false,
    jurisdictionRule: 'mode: opt-in',
    page: 'https://shop.example/checkout',
    ...overrides
  }
}

/** An entry as an SDK from before `uiLayer` and `jurisdictionRule` sent it, and an earlier server stored it. */
export function makeOldEntry(overrides: Partial<ConsentEntry> = {}): Omit<ConsentEntry, 'uiLayer' | 'jurisdictionRule'> {
  let entry: Partial<ConsentEntry> = makeEntry(overrides)
  delete entry.uiLayer
  delete entry.jurisdictionRule
  return entry as Omit<ConsentEntry, 'uiLayer' | 'jurisdictionRule'>
}
