import { afterEach, describe, expect, it, vi } from 'vitest'

import { scheduleRetention } from './retention.js'
import type { ConsentStore } from './store/store.js'

afterEach(() => {
  vi.useRealTimers()
})

const NOW = Date.parse('2026-11-23T12:00:00.000Z')

describe('scheduleRetention', () => {
  it('purges what is older than the retention period at once and then on every interval', async () => {
    vi.useFakeTimers()
    let cutoffs: string[] = []
    let store = { purge: async (before: Date) => (cutoffs.push(before.toISOString()), 2) } as ConsentStore
    let purged: number[] = []
    let now = NOW
    let stop = scheduleRetention({ store, days: 1095, intervalMs: 1000, now: () => now, onPurge: count => purged.push(count) })
    await vi.advanceTimersByTimeAsync(0)
    now += 86_400_000
    await vi.advanceTimersByTimeAsync(1000)
    stop()
    await vi.advanceTimersByTimeAsync(5000)
    expect(cutoffs).toEqual(['2023-11-24T12:00:00.000Z', '2023-11-25T12:00:00.000Z'])
    expect(purged).toEqual([2, 2])
  })

  it('reports a failed purge and keeps the schedule', async () => {
    vi.useFakeTimers()
    let calls = 0
    let store = { purge: async () => (calls++ === 0 ? Promise.reject(new Error('database down')) : 0) } as unknown as ConsentStore
    let errors: string[] = []
    let stop = scheduleRetention({ store, days: 1, intervalMs: 1000, onError: error => errors.push((error as Error).message) })
    await vi.advanceTimersByTimeAsync(1000)
    stop()
    expect([errors, calls]).toEqual([['database down'], 2])
  })

  it('does not keep the process alive', () => {
    let store = { purge: async () => 0 } as unknown as ConsentStore
    let spy = vi.spyOn(globalThis, 'setInterval')
    let stop = scheduleRetention({ store, days: 1 })
    let timer = spy.mock.results[0].value as NodeJS.Timeout
    expect(timer.hasRef()).toBe(false)
    stop()
    spy.mockRestore()
  })
})
