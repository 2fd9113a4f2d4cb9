import { describe, expect, it } from 'vitest'

import { cookieStorage } from './cookie-storage.js'

describe('server-side rendering', () => {
  it('stores nothing and never throws without a document', () => {
    let storage = cookieStorage()
    expect(storage.read()).toEqual([])
    expect(storage.write('x', new Date())).toBe(false)
    expect(() => storage.clear()).not.toThrow()
  })
})
