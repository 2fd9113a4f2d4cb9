import type { IncomingMessage, ServerResponse } from 'node:http'

export function demoSite(): (request: IncomingMessage, response: ServerResponse) => void
