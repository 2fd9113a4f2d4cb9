import type { ConsentStorage } from './storage.js'

/**
 * Keeps the decision in memory: for tests, and for pages that must not write cookies.
 * @example
 * let consent = createConsent(config, { storage: memoryStorage() })
 */
export function memoryStorage(initial?: string): ConsentStorage {
  let value = initial
  return {
    read: () => (value === undefined ? [] : [value]),
    write(next) {
      value = next
      return true
    },
    clear() {
      value = undefined
    }
  }
}
