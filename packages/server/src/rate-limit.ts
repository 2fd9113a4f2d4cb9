/** Requests allowed per client in a window of time. */
export interface RateLimitOptions {
  /** Requests per client per window. @default 60 */
  limit?: number
  /** The window, in milliseconds. @default 60000 */
  windowMs?: number
  /** Clients tracked at once; past it, the oldest windows are forgotten. @default 100000 */
  maxClients?: number
}

/** `ok`, or how many seconds until the client may try again. */
export type RateDecision = { ok: true } | { ok: false; retryAfter: number }

export interface RateLimiter {
  /** Counts one request of a client and says whether it is allowed. */
  take(client: string): RateDecision
}

/**
 * A fixed-window counter per client, in memory: each receiver instance limits on its own.
 * @example
 * let limiter = createRateLimiter({ limit: 60, windowMs: 60_000 })
 * if (!limiter.take(address).ok) reply(429)
 */
export function createRateLimiter(
  { limit = 60, windowMs = 60_000, maxClients = 100_000 }: RateLimitOptions = {},
  now: () => number = Date.now
): RateLimiter {
  let windows = new Map<string, { start: number; count: number }>()
  return {
    take(client) {
      let time = now()
      let window = windows.get(client)
      if (!window || time - window.start >= windowMs) {
        if (window) windows.delete(client)
        if (windows.size >= maxClients) {
          for (let [key, old] of windows) if (time - old.start >= windowMs) windows.delete(key)
          // Still full: a flood of addresses. Forget the oldest (a Map keeps insertion order).
          for (let key of windows.keys()) {
            if (windows.size < maxClients) break
            windows.delete(key)
          }
        }
        window = { start: time, count: 0 }
        windows.set(client, window)
      }
      window.count++
      if (window.count <= limit) return { ok: true }
      return { ok: false, retryAfter: Math.max(1, Math.ceil((window.start + windowMs - time) / 1000)) }
    }
  }
}
