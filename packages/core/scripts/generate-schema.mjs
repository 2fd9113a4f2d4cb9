// Generates schema/consentry.schema.json from the ConsentConfig type in src/config.ts, so the
// JSON Schema that marketers' editors use cannot drift from the TypeScript types.
//   node scripts/generate-schema.mjs --write   rewrites the file
//   node scripts/generate-schema.mjs           exits 1 when the committed file is out of date
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { createGenerator } from 'ts-json-schema-generator'

export const schemaFile = fileURLToPath(new URL('../schema/consentry.schema.json', import.meta.url))

export function generateSchema() {
  let schema = createGenerator({
    path: fileURLToPath(new URL('../src/config.ts', import.meta.url)),
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    type: 'ConsentConfig',
    additionalProperties: false,
    skipTypeCheck: true,
    markdownDescription: false
  }).createSchema('ConsentConfig')
  return JSON.stringify(
    { $id: 'https://unpkg.com/@consentry/core/schema/consentry.schema.json', ...schema },
    null,
    2
  ) + '\n'
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let fresh = generateSchema()
  if (process.argv.includes('--write')) {
    writeFileSync(schemaFile, fresh)
    console.log(`wrote ${schemaFile}`)
  } else if (readFileSync(schemaFile, 'utf8') !== fresh) {
    console.error(`${schemaFile} is out of date: run pnpm schema`)
    process.exit(1)
  }
}
