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

/** Reads one part of a configuration at `path`: its normalized value, or `undefined` to leave it out. */
export type Reader<T = unknown> = (value: unknown, path: string) => T

export interface Checker {
  problems: ConfigProblem[]
  report(path: string, text: string): void
  /** Reports `path: expected <what>, got <value>`; returns `undefined`, so a reader can return its call. */
  expected(path: string, what: string, got: unknown): undefined
  /** Reads an object (missing: `{}`) and reports the keys it does not know, if `known` is given. */
  object(value: unknown, path: string, known?: readonly string[]): Json
  /**
   * Reads an object field by field: `defaults`, then each key of `readers` that the object has,
   * read in that order (a field read as `undefined` keeps its default, or is left out); any other
   * key is reported. A missing key's reader never runs, so a missing part costs no work, except
   * for the keys listed in `required`, whose readers also read (and report) a missing value.
   */
  fields<T>(value: unknown, path: string, readers: Record<string, Reader>, defaults?: Partial<T>, required?: readonly string[]): T
  /** A string passing `test` (default: non-empty), else `undefined`. */
  text(value: unknown, path: string, test?: RegExp, what?: string): string | undefined
  integer(value: unknown, path: string, fallback: number, max?: number): number
  /** One of a list of strings or booleans, else the fallback. */
  oneOf<T>(value: unknown, path: string, options: readonly T[], fallback: T): T
  /**
   * An object keyed by ids (or by keys passing `test`); other keys are reported with `problem` and
   * left out, and so are entries read as `undefined`.
   */
  keyed<T>(
    value: unknown,
    path: string,
    read: (item: unknown, id: string, path: string) => T | undefined,
    test?: RegExp,
    problem?: string,
    what?: string
  ): Record<string, T>
  /** An array whose items are read one by one; items read as `undefined` are left out. */
  list<T>(value: unknown, path: string, what: string, read: Reader<T | undefined>): T[]
  /** The reader of `text`: the string, or `undefined` (reported) when it fails `test`. */
  str(test?: RegExp, what?: string): Reader<string | undefined>
  /** The reader of `integer`: a whole number from 1 to `max`, or `undefined` (reported). */
  int(max?: number): Reader<number | undefined>
  /** The reader of `oneOf`: one of `options`, or `undefined` (reported). */
  one<T>(options: readonly T[]): Reader<T | undefined>
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
  let expected = (path: string, what: string, got: unknown): undefined => {
    report(path, `expected ${what}, got ${show(got)}`)
    return undefined
  }
  let object = (value: unknown, path: string, known?: readonly string[]): Json => {
    if (value === undefined) return {}
    if (!isObject(value)) return expected(path, 'an object', value) ?? {}
    for (let key in value) {
      if (known && !known.includes(key)) {
        report(child(path, key), `unknown key, ignored (known keys: ${known.join(', ')})`)
      }
    }
    return value
  }
  let text = (value: unknown, path: string, test = /./, what = 'a non-empty string'): string | undefined =>
    value === undefined || (typeof value == 'string' && test.test(value)) ? (value as string | undefined) : expected(path, what, value)
  let integer = (value: unknown, path: string, fallback: number, max = Infinity): number =>
    value === undefined
      ? fallback
      : Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max
        ? (value as number)
        : (expected(path, `a whole number from 1${max < Infinity ? ` to ${max}` : ''}`, value) ?? fallback)
  let oneOf = <T>(value: unknown, path: string, options: readonly T[], fallback: T): T =>
    value === undefined
      ? fallback
      : options.includes(value as T)
        ? (value as T)
        : (expected(path, options.map(option => JSON.stringify(option)).join(', ').replace(/, ([^,]*)$/, ' or $1'), value) ?? fallback)
  return {
    problems,
    report,
    expected,
    object,
    fields<T>(value: unknown, path: string, readers: Record<string, Reader>, defaults?: Partial<T>, required?: readonly string[]): T {
      let input = object(value, path, Object.keys(readers))
      let result: Json = { ...defaults }
      for (let key in readers) {
        let item = input[key] === undefined && !required?.includes(key) ? undefined : readers[key](input[key], child(path, key))
        if (item !== undefined) result[key] = item
      }
      return result as T
    },
    text,
    integer,
    oneOf,
    keyed<T>(
      value: unknown,
      path: string,
      read: (item: unknown, id: string, path: string) => T | undefined,
      test = ID,
      problem = 'ids may only use letters, digits, "_" and "-"; ignored',
      what = 'an object keyed by id'
    ): Record<string, T> {
      let result: Record<string, T> = {}
      if (value === undefined) return result
      if (!isObject(value)) return expected(path, what, value) ?? result
      for (let id in value) {
        let at = child(path, id)
        // "__proto__" as a key would replace the result's prototype: a config could then fake ids.
        let item =
          id == '__proto__' ? report(at, 'a reserved name; ignored') : test.test(id) ? read(value[id], id, at) : report(at, problem)
        if (item !== undefined) result[id] = item
      }
      return result
    },
    list<T>(value: unknown, path: string, what: string, read: Reader<T | undefined>): T[] {
      if (value === undefined) return []
      if (!Array.isArray(value)) return expected(path, what, value) ?? []
      return value.map((item, index) => read(item, child(path, index))).filter((item): item is T => item !== undefined)
    },
    str: (test, what) => (value, path) => text(value, path, test, what),
    int: max => (value, path) => integer(value, path, undefined as never, max),
    one: options => (value, path) => oneOf(value, path, options, undefined)
  }
}
