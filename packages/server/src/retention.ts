import type { ConsentStore } from './store/store.js'

export interface RetentionOptions {
  store: ConsentStore
  /** Entries received longer ago than this are deleted. */
  days: number
  /** How often to purge. @default 21600000 (6 hours) */
  intervalMs?: number
  /** @default Date.now */
  now?: () => number
  /** Told how many entries each purge deleted. */
  onPurge?: (count: number) => void
  /** Told when a purge failed; the next one runs as planned. */
  onError?: (error: unknown) => void
}

const DAY = 86_400_000

/**
 * Purges expired entries now and then every `intervalMs`, on a timer that does not keep the
 * process alive. Records are kept as proof for a limited time only (GDPR art. 5(1)(e)).
 * @returns The function that stops the schedule.
 * @example
 * let stop = scheduleRetention({ store, days: 1095 })
 */
export function scheduleRetention({
  store,
  days,
  intervalMs = 6 * 60 * 60 * 1000,
  now = Date.now,
  onPurge = () => {},
  onError = () => {}
}: RetentionOptions): () => void {
  let purge = (): void => {
    store.purge(new Date(now() - days * DAY)).then(onPurge, onError)
  }
  purge()
  let timer = setInterval(purge, intervalMs)
  timer.unref?.()
  return () => clearInterval(timer)
}
