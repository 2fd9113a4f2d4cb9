import { describe, expect, it } from 'vitest'

import { createChecker } from './checker.js'

describe('createChecker', () => {
  it('reads an object field by field, as docs/api.md shows, and names each problem by its path', () => {
    let { fields, str, int, one, list, problems } = createChecker()
    let banner = fields(
      { theme: 'blue', delay: 0, tags: ['news', 'Sport', 7], colour: 'red' },
      'myBanner',
      {
        theme: one(['light', 'dark']),
        delay: int(10000),
        tags: (value, path) => list(value, path, 'an array of tags', str(/^[a-z]+$/, 'a lowercase word'))
      },
      { theme: 'light', delay: 500 }
    )
    expect(banner).toEqual({ theme: 'light', delay: 500, tags: ['news'] })
    expect(problems).toEqual([
      { path: 'myBanner.colour', message: 'myBanner.colour: unknown key, ignored (known keys: theme, delay, tags)' },
      { path: 'myBanner.theme', message: 'myBanner.theme: expected "light" or "dark", got "blue"' },
      { path: 'myBanner.delay', message: 'myBanner.delay: expected a whole number from 1 to 10000, got 0' },
      { path: 'myBanner.tags[1]', message: 'myBanner.tags[1]: expected a lowercase word, got "Sport"' },
      { path: 'myBanner.tags[2]', message: 'myBanner.tags[2]: expected a lowercase word, got 7' }
    ])
  })

  it('keeps the defaults of missing or bad fields, leaves out the rest, and runs no reader for a missing field', () => {
    let { fields, str, int, problems } = createChecker()
    let ran: string[] = []
    let spy = (value: unknown, path: string) => {
      ran.push(path)
      return value
    }
    expect(fields(undefined, 'x', { name: str(), size: int(), label: str() }, { size: 3, label: 'none' })).toEqual({
      size: 3,
      label: 'none'
    })
    expect(fields({ size: 'big', extra: spy }, 'y', { size: int(), missing: spy }, { size: 3 })).toEqual({ size: 3 })
    expect(ran).toEqual([])
    expect(fields([], 'x', { name: str() })).toEqual({})
    expect(problems.map(problem => problem.message)).toEqual([
      'y.extra: unknown key, ignored (known keys: size, missing)',
      'y.size: expected a whole number from 1, got "big"',
      'x: expected an object, got an array'
    ])
  })

  it('runs the reader of a required key also when the key is missing', () => {
    let { fields, str, problems } = createChecker()
    let name = (value: unknown, path: string) => str()(value ?? '', path)
    expect(fields({ size: 2 }, 'x', { name, size: (value: unknown) => value }, {}, ['name'])).toEqual({ size: 2 })
    expect(problems.map(problem => problem.message)).toEqual(['x.name: expected a non-empty string, got ""'])
  })

  it('reads objects keyed by ids or by a key pattern of its own, leaving out bad keys and undefined entries', () => {
    let { keyed, text, problems } = createChecker()
    let read = (value: unknown, _id: string, path: string) => text(value, path)
    expect(keyed({ ok: 'a', 'b c': 'b', empty: '' }, 'ids', read)).toEqual({ ok: 'a' })
    expect(keyed({ US: 'x', usa: 'y' }, 'codes', read, /^[A-Z]{2}$/, 'expected a region code; ignored', 'an object')).toEqual({ US: 'x' })
    expect(keyed('x', 'codes', read, /^[A-Z]{2}$/, 'expected a region code; ignored', 'an object of codes')).toEqual({})
    expect(problems.map(problem => problem.message)).toEqual([
      'ids["b c"]: ids may only use letters, digits, "_" and "-"; ignored',
      'ids.empty: expected a non-empty string, got ""',
      'codes.usa: expected a region code; ignored',
      'codes: expected an object of codes, got "x"'
    ])
  })
})
