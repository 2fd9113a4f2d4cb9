import { describe, expect, it } from 'vitest'

import { createRateLimiter } from './rate-limit.js'

describe('createRateLimiter', () => {
  it('allows the limit per window, then says when to come back', () => {
    let time = 0
    let limiter = createRateLimiter({ limit: 2, windowMs: 10_000 }, () => time)
    let decisions = [limiter.take('a'), limiter.take('a'), limiter.take('a')]
    time = 7_500
    decisions.push(limiter.take('a'))
    time = 10_000
    decisions.push(limiter.take('a'))
    expect(decisions).toEqual([{ ok: true }, { ok: true }, { ok: false, retryAfter: 10 }, { ok: false, retryAfter: 3 }, { ok: true }])
  })

  it('counts each client on its own', () => {
    let limiter = createRateLimiter({ limit: 1 }, () => 0)
    expect([limiter.take('a'), limiter.take('b'), limiter.take('a')]).toEqual([{ ok: true }, { ok: true }, { ok: false, retryAfter: 60 }])
  })

  it('keeps its memory bounded under a flood of addresses', () => {
    let limiter = createRateLimiter({ limit: 1, maxClients: 3 }, () => 0)
    for (let client of ['a', 'b', 'c', 'd']) limiter.take(client)
    // "a" was forgotten to make room for "d"; "d" is still counted.
    expect([limiter.take('a').ok, limiter.take('d').ok]).toEqual([true, false])
  })
})
