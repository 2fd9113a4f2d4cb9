// Bytes as the network delivered them: the bodies of the JS and CSS responses a page had fully
// received at some moment, raw and compressed the way a server would (gzip -9, brotli q11).
import { createHash } from 'node:crypto'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const compressed = new Map()

// Compressed sizes of one body, memoized by content: every run receives the same files.
function sizes(body) {
  let sha256 = createHash('sha256').update(body).digest('hex')
  if (!compressed.has(sha256)) {
    compressed.set(sha256, {
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      sha256: sha256.slice(0, 12)
    })
  }
  return compressed.get(sha256)
}

/**
 * Sums the JS/CSS bodies among `received` (resource timing names). `bodies` maps a response URL to
 * a promise of its body. The page's gated stub tag is not the library's, so it never counts.
 */
export async function networkBytes(received, bodies) {
  let total = { raw: 0, gzip: 0, brotli: 0, files: [] }
  for (let url of new Set(received ?? [])) {
    if (!bodies.has(url) || url.includes('/stub-tag.js')) continue
    let body = await bodies.get(url)
    if (!body) throw new Error(`No body for ${url}`)
    let size = sizes(body)
    total.raw += size.raw
    total.gzip += size.gzip
    total.brotli += size.brotli
    let { pathname, search } = new URL(url)
    total.files.push({ path: pathname + search, ...size })
  }
  return total
}
