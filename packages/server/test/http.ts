import { request } from 'node:http'

export interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface SendOptions {
  method?: string
  body?: string
  headers?: Record<string, string>
  /** The loopback address to send from (127.0.0.2, …), so one machine plays several clients. */
  from?: string
}

/** One HTTP request over a real socket, on a fresh connection. */
export function send(url: string, { method = 'GET', body, headers = {}, from }: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let outgoing = request(url, { method, headers, localAddress: from, agent: false }, incoming => {
      let chunks: Buffer[] = []
      incoming.on('data', chunk => chunks.push(chunk))
      incoming.on('end', () => resolve({ status: incoming.statusCode!, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') }))
      incoming.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}
