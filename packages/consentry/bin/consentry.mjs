#!/usr/bin/env node
import { readFile } from 'node:fs/promises'

import { runCli } from '../dist/cli.js'

// exitCode rather than process.exit(): exit() can cut off output still queued for a pipe.
process.exitCode = await runCli(process.argv.slice(2), {
  readFile: path => readFile(path, 'utf8'),
  out: line => process.stdout.write(line + '\n'),
  err: line => process.stderr.write(line + '\n')
})
