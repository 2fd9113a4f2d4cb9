// Serves the pages, the libraries from bench/node_modules and the workspace build of the drop-in
// on a free port of 127.0.0.1.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import sirv from 'sirv'

const here = fileURLToPath(new URL('.', import.meta.url))

export const DIRS = {
  consentry: fileURLToPath(new URL('../packages/consentry/dist', import.meta.url)),
  node_modules: `${here}node_modules`,
  pages: `${here}pages`
}

/**
 * Starts the server. The drop-in is served from a copy of its dist folder taken now, so a rebuild
 * during a long run cannot mix two builds in one set of figures.
 */
export async function startServer() {
  let snapshot = mkdtempSync(join(tmpdir(), 'consentry-bench-dist-'))
  cpSync(DIRS.consentry, snapshot, { recursive: true })
  let serve = {
    consentry: sirv(snapshot, { dev: true }),
    node_modules: sirv(DIRS.node_modules, { dev: true }),
    pages: sirv(DIRS.pages, { dev: true, extensions: ['html'] })
  }
  let server = createServer((req, res) => {
    let notFound = () => {
      res.statusCode = 404
      res.end('Not found')
    }
    for (let prefix of ['consentry', 'node_modules']) {
      if (req.url.startsWith(`/${prefix}/`)) {
        req.url = req.url.slice(prefix.length + 1)
        return serve[prefix](req, res, notFound)
      }
    }
    serve.pages(req, res, notFound)
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      await new Promise(resolve => server.close(() => resolve()))
      rmSync(snapshot, { recursive: true, force: true })
    }
  }
}
