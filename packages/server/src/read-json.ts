/** The parsed body, or the status and message to answer with. */
export type JsonRead = { value: unknown; status?: undefined } | { status: 400 | 413 | 415; error: string }

// Beacons send a string as text/plain and a Blob with its own type; fetch sends application/json.
const TYPES = ['application/json', 'text/plain']

/**
 * Reads a JSON request body of at most `maxBytes` bytes, counting what actually arrives (a
 * chunked body has no Content-Length), and stops reading as soon as it is too large.
 * @example
 * let body = await readJson(c.req.raw, 8192)
 * if (body.status) return c.json({ error: body.error }, body.status)
 */
export async function readJson(request: Request, maxBytes: number): Promise<JsonRead> {
  let [type, ...parameters] = (request.headers.get('content-type') ?? '').toLowerCase().split(';').map(part => part.trim())
  let charset = parameters.find(parameter => parameter.startsWith('charset='))?.slice(8).replace(/"/g, '')
  if (!TYPES.includes(type) || (charset && charset !== 'utf-8')) {
    return { status: 415, error: 'the body must be JSON in UTF-8, sent as application/json or text/plain' }
  }
  let tooLarge = { status: 413, error: `the body is larger than ${maxBytes} bytes` } as const
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return tooLarge
  let chunks: Uint8Array[] = []
  let size = 0
  if (request.body) {
    let reader = request.body.getReader()
    for (;;) {
      let read = await reader.read()
      if (read.done) break
      let value = read.value
      size += value.byteLength
      if (size > maxBytes) {
        await reader.cancel().catch(() => {})
        return tooLarge
      }
      chunks.push(value)
    }
  }
  if (size === 0) return { status: 400, error: 'the body is empty: expected a consent log entry as JSON' }
  let bytes = new Uint8Array(size)
  let offset = 0
  for (let chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { status: 400, error: 'the body is not valid UTF-8' }
  }
  try {
    return { value: JSON.parse(text) }
  } catch {
    return { status: 400, error: 'the body is not valid JSON' }
  }
}
