import { start } from './start.js'
import type { Env } from './config.js'

/**
 * `npx @consentry/server`: starts the receiver from environment variables and stops it cleanly
 * on SIGINT or SIGTERM.
 * @returns The exit code: 0 after a clean stop, 1 when it cannot start.
 */
export async function runCli(env: Env = process.env): Promise<number> {
  let server
  try {
    server = await start(env)
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    return 1
  }
  let running = server
  await new Promise<void>(resolve => {
    let stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      running.close().then(resolve, resolve)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  return 0
}
