/** One thing wrong with a configuration, named by its JSON path. */
export interface ConfigProblem {
  /** The JSON path of the bad part, e.g. `config.categories.analytics.required`. */
  path: string
  /** The whole sentence, e.g. `config.revision: expected a whole number from 1, got "2"`. */
  message: string
}

export type Json = Record<string, unknown>

/** Ids end up in the consent cookie, so they keep to characters a cookie value holds as they are. */
export const ID = /^[\w-]+$/

export const isObject = (value: unknown): value is Json =>
  typeof value == 'object' && value !== null && !Array.isArray(value)

/** Writes a value the way a console reader recognises it: `42`, `"text"`, `null`, `an array`. */
const show = (value: unknown): string =>
  Array.isArray(value)
    ? 'an array'
    : isObject(value)
      ? 'an object'
      : typeof value == 'string'
        ? JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)
        : String(value)

/** The JSON path of a child: `a.b`, `a[2]`, or `a["odd key"]`. */
export const child = (path: string, key: string | number): string =>
  typeof key == 'number' ? `${path}[${key}]` : ID.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`

export interface Checker {
  problems: ConfigProblem[]
  report(path: string, text: string): void
  expected(path: string, what: string, got: unknown): void
  /** Reads an object (missing: `{}`) and reports the keys it does not know, if `known` is given. */
  object(value: unknown, path: string, known?: readonly string[]): Json
  /** A string passing `test` (default: non-empty), else `undefined`. */
  text(value: unknown, path: string, test?: RegExp, what?: string): string | undefined
  integer(value: unknown, path: string, fallback: number, max?: number): number
  /** One of a list of strings or booleans, else the fallback. */
  oneOf<T>(value: unknown, path: string, options: readonly T[], fallback: T): T
  /** An object keyed by ids; entries with invalid ids are reported and left out. */
  keyed<T>(value: unknown, path: string, read: (item: unknown, id: string, path: string) => T): Record<string, T>
}

/**
 * The building blocks of config validation, shared by every package that reads a part of the
 * JSON config, so all problems read alike: `path: expected what, got value`.
 */
export function createChecker(): Checker {
  let problems: ConfigProblem[] = []
  let report = (path: string, text: string): void => {
    problems.push({ path, message: `${path}: ${text}` })
  }
  let expected = (path: string, what: string, got: unknown): void => {
    report(path, `expected ${what}, got ${show(got)}`)
  }
  return {
    problems,
    report,
    expected,
    object(value, path, known) {
      if (value === undefined) return {}
      if (!isObject(value)) {
        expected(path, 'an object', value)
        return {}
      }
      for (let key in value) {
        if (known && !known.includes(key)) {
          report(child(path, key), `unknown key, ignored (known keys: ${known.join(', ')})`)
        }
      }
      return value
    },
    text(value, path, test = /./, what = 'a non-empty string') {
      if (value === undefined) return undefined
      if (typeof value == 'string' && test.test(value)) return value
      expected(path, what, value)
      return undefined
    },
    integer(value, path, fallback, max = Infinity) {
      if (value === undefined) return fallback
      if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max) {
        return value as number
      }
      expected(path, `a whole number from 1${max < Infinity ? ` to ${max}` : ''}`, value)
      return fallback
    },
    oneOf(value, path, options, fallback) {
      if (value === undefined) return fallback
      if (options.includes(value as never)) return value as typeof fallback
      expected(path, options.map(option => JSON.stringify(option)).join(', ').replace(/, ([^,]*)$/, ' or $1'), value)
      return fallback
    },
    keyed(value, path, read) {
      let result: Record<string, ReturnType<typeof read>> = {}
      if (value === undefined) return result
      if (!isObject(value)) {
        expected(path, 'an object keyed by id', value)
        return result
      }
      for (let id in value) {
        if (ID.test(id)) result[id] = read(value[id], id, child(path, id))
        else report(child(path, id), 'ids may only use letters, digits, "_" and "-"; ignored')
      }
      return result
    }
  }
}
