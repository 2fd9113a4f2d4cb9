#!/usr/bin/env node
import { runCli } from '../dist/cli.js'

// exitCode rather than process.exit(): exit() can cut off output still queued for a pipe.
process.exitCode = await runCli(process.env)
