import { lintConfig, validateConfig } from '@consentry/core'

/** What the command line reads and writes: files and streams in `bin/consentry.mjs`, memory in tests. */
export interface CliIo {
  readFile(path: string): Promise<string>
  /** Writes one line to standard output. */
  out(line: string): void
  /** Writes one line to standard error. */
  err(line: string): void
}

/** One problem in one file, as `--json` prints it. */
export interface FileProblem {
  file: string
  /** The JSON path, as in the runtime's messages; `""` when the file is not JSON at all. */
  path: string
  message: string
}

export const USAGE = 'usage: consentry validate <config.json>...'

const OPTIONS = ['--json', '--help', '-h']

/**
 * Parses and validates one file's text, with the runtime's messages, then the build-time checks
 * of `lintConfig` (the strictly-necessary exemption, G-09; the vendors' services, G-04).
 */
function check(file: string, text: string): FileProblem[] {
  let input: unknown
  try {
    // Windows editors may save a byte order mark; the runtime's `response.json()` skips it too.
    input = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    return [{ file, path: '', message: `invalid JSON: ${(error as Error).message}` }]
  }
  let { config, problems } = validateConfig(input)
  return [...problems, ...lintConfig(input, config)].map(({ path, message }) => ({ file, path, message }))
}

/**
 * Runs `consentry <args>` and resolves to the exit code: 0 when every file is valid, 1 when any
 * has problems, 2 for a usage error or a file that cannot be read.
 * @example
 * let code = await runCli(['validate', 'consent.json'], { readFile, out: console.log, err: console.error })
 */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  let flags = args.filter(arg => arg.startsWith('-'))
  let [command, ...files] = args.filter(arg => !arg.startsWith('-'))
  let fail = (reason: string): number => {
    io.err(`consentry: ${reason}`)
    io.err(USAGE)
    return 2
  }
  if (flags.includes('--help') || flags.includes('-h')) {
    io.out(USAGE)
    return 0
  }
  let unknown = flags.find(flag => !OPTIONS.includes(flag))
  if (unknown) return fail(`unknown option ${unknown}`)
  if (!command) return fail('no command given')
  if (command !== 'validate') return fail(`unknown command "${command}"`)
  if (files.length === 0) return fail('no file given')

  let json = flags.includes('--json')
  let found: FileProblem[] = []
  let unreadable = false
  // Every file is checked even after a failure, so one CI run shows everything to fix.
  for (let file of files) {
    let text: string
    try {
      text = await io.readFile(file)
    } catch (error) {
      unreadable = true
      io.err(`consentry: ${file}: cannot be read (${(error as Error).message})`)
      continue
    }
    let problems = check(file, text)
    found.push(...problems)
    if (json) continue
    for (let problem of problems) io.out(`${file}: ${problem.message}`)
    let count = problems.length
    io.out(`${file}: ${count === 0 ? 'valid' : `${count} problem${count === 1 ? '' : 's'}`}`)
  }
  if (json) io.out(JSON.stringify(found))
  if (unreadable) {
    io.err(USAGE)
    return 2
  }
  return found.length > 0 ? 1 : 0
}
