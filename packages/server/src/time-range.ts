import type { TimeRange } from './store/store.js'

const DAY = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

// Date() rolls 2026-02-30 over to March 2 and 24:00 to the next day: check the parts first.
const isReal = (value: string): boolean => {
  let [year, month, day] = value.slice(0, 10).split('-').map(Number)
  let date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && (value.length === 10 || Number(value.slice(11, 13)) < 24)
}

const parse = (value: string): Date | null => {
  let isDay = DAY.test(value)
  if ((!isDay && !TIME.test(value)) || !isReal(value)) return null
  let date = new Date(isDay ? `${value}T00:00:00.000Z` : value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** The range, or a message for a 400 answer. */
export type RangeParse = { range: TimeRange; error?: undefined } | { range?: undefined; error: string }

/**
 * Reads the `from` and `to` query parameters: a day (`2026-11-01`, UTC) or an ISO 8601 time with
 * a zone. `from` is included; a `to` day includes that whole day, a `to` time is excluded.
 * @example
 * parseRange('2026-11-01', '2026-11-30') // November, both ends included
 */
export function parseRange(from: string | undefined, to: string | undefined): RangeParse {
  let range: TimeRange = { from: null, to: null }
  if (from !== undefined && from !== '') {
    range.from = parse(from)
    if (!range.from) return { error: '"from" must be a day (YYYY-MM-DD) or an ISO 8601 time with a zone' }
  }
  if (to !== undefined && to !== '') {
    range.to = parse(to)
    if (!range.to) return { error: '"to" must be a day (YYYY-MM-DD) or an ISO 8601 time with a zone' }
    if (DAY.test(to)) range.to = new Date(range.to.getTime() + 86_400_000)
  }
  if (range.from && range.to && range.from >= range.to) return { error: '"from" must be before "to"' }
  return { range }
}
