// Writes docs/configuration-reference.md from the JSON Schema (itself generated from the
// TypeScript types), so the reference cannot drift from the code.
//   node packages/core/scripts/generate-reference.mjs --write   rewrites the file
//   node packages/core/scripts/generate-reference.mjs           exits 1 when it is out of date
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const referenceFile = fileURLToPath(new URL('../../../docs/configuration-reference.md', import.meta.url))
const schema = JSON.parse(readFileSync(new URL('../schema/consentry.schema.json', import.meta.url), 'utf8'))

const name = ref => ref.replace('#/definitions/', '')
const link = ref => `[${name(ref)}](#${name(ref).toLowerCase()})`

/** A readable type: `string`, `"bar" \| "box"`, `array of CookieDeclaration`... */
function type(node) {
  if (node.$ref) return link(node.$ref)
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``
  if (node.enum) return node.enum.map(value => `\`${JSON.stringify(value)}\``).join(' \\| ')
  if (node.anyOf) return node.anyOf.map(type).join(' \\| ')
  if (node.type === 'array') return `array of ${type(node.items ?? {})}`
  if (node.type === 'object' && node.additionalProperties && typeof node.additionalProperties == 'object') {
    return `object of ${type(node.additionalProperties)}`
  }
  if (node.type) return [].concat(node.type).join(' \\| ')
  return 'any'
}

/** Constraints worth knowing: range, pattern, key pattern. */
function rules(node) {
  let list = []
  if (node.minimum !== undefined) list.push(`min ${node.minimum}`)
  if (node.maximum !== undefined) list.push(`max ${node.maximum}`)
  if (node.minLength) list.push('not empty')
  if (node.minProperties) list.push(`at least ${node.minProperties} key`)
  if (node.pattern) list.push(`pattern \`${node.pattern.replace(/\|/g, '\\|')}\``)
  if (node.propertyNames?.pattern) list.push(`keys match \`${node.propertyNames.pattern}\``)
  return list.join('; ')
}

const cell = text => (text ?? '').replace(/\n+/g, ' ').replace(/\|/g, '\\|')

export function generateReference() {
  let out = [
    '# Configuration reference',
    '',
    '<!-- Generated from packages/core/schema/consentry.schema.json by',
    '     packages/core/scripts/generate-reference.mjs: do not edit by hand (pnpm schema). -->',
    '',
    'Every key of the JSON configuration, with its type, default and rules, generated from the JSON',
    'Schema, which is generated from the TypeScript types. The guide with examples and the error',
    'messages is [configuration.md](configuration.md).',
    ''
  ]
  for (let [id, definition] of Object.entries(schema.definitions)) {
    out.push(`## ${id}`, '')
    if (definition.description) out.push(cell(definition.description), '')
    if (!definition.properties) {
      out.push(`Type: ${type(definition)}${rules(definition) ? ` (${rules(definition)})` : ''}.`, '')
      continue
    }
    out.push('| Key | Type | Default | Rules | Description |', '| --- | --- | --- | --- | --- |')
    let required = new Set(definition.required ?? [])
    for (let [key, node] of Object.entries(definition.properties)) {
      let shown = node.default === undefined ? (required.has(key) ? 'required' : '') : `\`${JSON.stringify(node.default)}\``
      out.push(`| \`${key}\` | ${type(node)} | ${shown} | ${rules(node)} | ${cell(node.description)} |`)
    }
    out.push('')
  }
  return out.join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let fresh = generateReference()
  if (process.argv.includes('--write')) {
    writeFileSync(referenceFile, fresh)
    console.log(`wrote ${referenceFile}`)
  } else if (readFileSync(referenceFile, 'utf8') !== fresh) {
    console.error(`${referenceFile} is out of date: run pnpm schema`)
    process.exit(1)
  }
}
