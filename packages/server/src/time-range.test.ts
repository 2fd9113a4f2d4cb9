import { describe, expect, it } from 'vitest'

import { parseRange } from './time-range.js'

describe('parseRange', () => {
  it('includes the whole "to" day and starts "from" at midnight UTC', () => {
    expect(parseRange('2026-11-01', '2026-11-30')).toEqual({
      range: { from: new Date('2026-11-01T00:00:00.000Z'), to: new Date('2026-12-01T00:00:00.000Z') }
    })
  })

  it('takes times with a zone as given, and leaves missing ends open', () => {
    expect(parseRange('2026-11-01T08:30:00+02:00', undefined)).toEqual({ range: { from: new Date('2026-11-01T06:30:00.000Z'), to: null } })
    expect(parseRange(undefined, '2026-11-01T08:30Z')).toEqual({ range: { from: null, to: new Date('2026-11-01T08:30:00.000Z') } })
    expect(parseRange('', '')).toEqual({ range: { from: null, to: null } })
  })

  it('refuses days that do not exist, times without a zone and reversed ranges', () => {
    expect(parseRange('2026-02-29', undefined).error).toBe('"from" must be a day (YYYY-MM-DD) or an ISO 8601 time with a zone')
    expect(parseRange('2026-11-01T24:00Z', undefined).error).toBe('"from" must be a day (YYYY-MM-DD) or an ISO 8601 time with a zone')
    expect(parseRange(undefined, '2026-11-01T08:30').error).toBe('"to" must be a day (YYYY-MM-DD) or an ISO 8601 time with a zone')
    expect(parseRange('2026-11-02', '2026-11-01').error).toBe('"from" must be before "to"')
  })
})
