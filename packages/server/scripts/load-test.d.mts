import type { ConsentStore } from '../src/store/store.js'

export interface LoadTestReport {
  /** Requests autocannon built and sent. */
  sent: number
  /** Requests answered 2xx. */
  ok: number
  /** Non-2xx answers, connection errors and timeouts. */
  failed: number
  /** Entries the store gained. */
  stored: number
  seconds: number
  requestsPerSecond: number
  /** Milliseconds. */
  latency: { p50: number; p99: number; max: number }
}

export function loadTest(options: { url: string; store: ConsentStore; requests?: number; connections?: number }): Promise<LoadTestReport>
