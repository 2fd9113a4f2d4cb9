// Checks the code snippets in docs/*.md against the code, so that copied examples work.
//
// Which ```json blocks are checked: a block is a complete Consentry configuration, and must pass
// validateConfig and lintConfig (what `npx consentry validate` runs) with no problem, when
//   - the line before its fence is the marker <!-- consentry-config -->, or
//   - it parses as a JSON object with a top-level "categories" or "$schema" key.
// Other JSON blocks (fragments such as `"analytics": { ... }`, /.well-known/gpc.json, partial
// examples without the marker) are left alone. A marked block that does not parse fails.
//
// Which ```html blocks are checked: every block containing `consentry.min.js`. Its drop-in
// <script> tag may only use the attributes the drop-in reads (packages/consentry/src/global.ts)
// or the browser needs: src, data-config, data-consent-mode, data-region, data-gpc, nonce, defer,
// async. Any data-consentry="..." in those blocks must be a value the UI handles.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { lintConfig } from '../packages/core/src/lint.js'
import { validateConfig } from '../packages/core/src/validate.js'

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url))
const MARKER = '<!-- consentry-config -->'
const DROP_IN_ATTRIBUTES = ['src', 'data-config', 'data-consent-mode', 'data-region', 'data-gpc', 'nonce', 'defer', 'async']
const TRIGGERS = ['preferences', 'do-not-sell']

interface Block {
  file: string
  line: number
  lang: string
  text: string
  marked: boolean
}

/** Every fenced block of a Markdown file, indented ones (inside lists) included. */
function blocks(file: string): Block[] {
  let lines = readFileSync(DOCS + file, 'utf8').split('\n')
  let found: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    let open = /^(\s*)```(\w*)\s*$/.exec(lines[i]!)
    if (!open) continue
    let indent = open[1]!.length
    let body: string[] = []
    let j = i + 1
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j]!)) body.push(lines[j++]!.slice(indent))
    found.push({ file, line: i + 1, lang: open[2]!, text: body.join('\n'), marked: lines[i - 1]?.trim() === MARKER })
    i = j
  }
  return found
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isConfig(block: Block): boolean {
  if (block.marked) return true
  let value = parse(block.text)
  return typeof value == 'object' && value !== null && !Array.isArray(value) && ('categories' in value || '$schema' in value)
}

/** The attribute names of each <script> tag that loads the drop-in. */
function dropInAttributes(html: string): string[][] {
  let tags = html.match(/<script\b[^>]*>/gi) ?? []
  return tags
    .filter(tag => tag.includes('consentry.min.js'))
    .map(tag => [...tag.slice('<script'.length, -1).matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g)].map(m => m[1]!.toLowerCase()))
}

const files = readdirSync(DOCS).filter(name => name.endsWith('.md')).sort()
const all = files.flatMap(blocks)
const configs = all.filter(block => block.lang === 'json' && isConfig(block))
const html = all.filter(block => block.lang === 'html' && block.text.includes('consentry.min.js'))

describe('docs snippets', () => {
  it('finds configurations and drop-in tags to check', () => {
    expect(configs.length).toBeGreaterThan(0)
    expect(html.length).toBeGreaterThan(0)
  })

  it.each(configs.map(block => [`${block.file}:${block.line}`, block] as const))(
    'the configuration in %s is valid',
    (_where, block) => {
      let input = parse(block.text)
      expect(input, 'the block parses as JSON').toBeDefined()
      let { config, problems } = validateConfig(input)
      problems = [...problems, ...lintConfig(input, config)]
      expect(problems.map(problem => problem.message)).toEqual([])
    }
  )

  it.each(html.map(block => [`${block.file}:${block.line}`, block] as const))(
    'the drop-in tag in %s uses only attributes the drop-in reads',
    (_where, block) => {
      let tags = dropInAttributes(block.text)
      expect(tags.length, 'a <script> tag loads consentry.min.js').toBeGreaterThan(0)
      for (let attributes of tags) {
        expect(attributes.filter(name => !DROP_IN_ATTRIBUTES.includes(name))).toEqual([])
        expect(attributes).toContain('src')
      }
      let triggers = [...block.text.matchAll(/data-consentry\s*=\s*["']?([^"'\s>]*)/g)].map(m => m[1]!)
      expect(triggers.filter(value => !TRIGGERS.includes(value))).toEqual([])
    }
  )
})
