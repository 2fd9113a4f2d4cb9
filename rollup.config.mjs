import { readdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

import dynamicImportVars from '@rollup/plugin-dynamic-import-vars'
import json from '@rollup/plugin-json'
import nodeResolve from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
import terser from '@rollup/plugin-terser'
import typescript from '@rollup/plugin-typescript'

// Type declarations come from `tsc -b`; rollup only transpiles (declaration: false avoids the
// plugin's declarationDir placement rules).
const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    compilerOptions: { noEmit: false, declaration: false, composite: false, sourceMap: false },
    include: ['packages/*/src/**/*.ts', 'packages/*/src/**/*.tsx', 'examples/*/src/**/*.ts'],
    exclude: ['**/*.test.ts', '**/*.test.tsx']
  })

/** `import css from './styles.css?inline'`: the stylesheet as a minified string (as Vite does). */
const inlineCss = () => ({
  name: 'inline-css',
  resolveId: (id, importer) => (id.endsWith('.css?inline') ? resolve(dirname(importer), id) : null),
  load(id) {
    if (!id.endsWith('.css?inline')) return null
    // Whitespace and comments go; quoted strings (content: ': ') stay as written.
    let css = readFileSync(id.slice(0, -'?inline'.length), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split(/('[^']*'|"[^"]*")/)
      .map((part, index) =>
        index % 2 ? part : part.replace(/\s+/g, ' ').replace(/ ?([{}:;,>]) ?/g, '$1').replace(/;}/g, '}')
      )
      .join('')
      .trim()
    return `export default ${JSON.stringify(css)}`
  }
})

/** Copies the shipped translations next to a bundle, e.g. `dist/i18n/fr.json`. */
const translations = folder => ({
  name: 'translations',
  generateBundle() {
    let source = 'packages/ui/src/translations'
    for (let file of readdirSync(source)) {
      let text = JSON.stringify(JSON.parse(readFileSync(`${source}/${file}`, 'utf8')))
      this.emitFile({ type: 'asset', fileName: `${folder}/${file}`, source: text })
    }
  }
})

const production = () => replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': '"production"' } })

// `module: false` keeps the top-level `var` that an IIFE with a `name` assigns (ConsentryPanel).
// `ascii_only`: one character above U+00FF (the "…" in a text) makes V8 keep the whole script's
// source as UTF-16, twice the memory (about 45 kB more for the first file); escaped, it stays Latin-1.
// Four compress passes: 15 B less in the first file than two, none after four; 2 s more build.
const minify = () => terser({ module: false, compress: { passes: 4 }, format: { comments: false, ascii_only: true } })

/** The IIFE that terser wrote for a file with a global, `var Name=function(e){…}({});`, without `var Name=` and the `;`. */
const iifeOf = (plugin, code, name) => {
  let head = `var ${name}=`
  if (!code.startsWith(head)) plugin.error(`expected the file to start with "${head}"`)
  return code.slice(head.length).trim().replace(/;$/, '')
}

/**
 * Defines a file's global at once but runs the file's code on the first call of one of its
 * functions: a file fetched ahead of use (the panel, when the browser is idle) then costs the page
 * no compiled code, no Preact and no objects until the visitor opens it. Runs after terser, on the
 * IIFE it wrote: `var Name=function(e){…}({});`.
 */
const runOnFirstCall = (name, functions) => ({
  name: 'run-on-first-call',
  renderChunk(code) {
    let body = iifeOf(this, code, name)
    let calls = functions.map(fn => `${fn}:function(){return(m=m||f()).${fn}.apply(this,arguments)}`).join(',')
    return { code: `var ${name}=function(){var m,f=function(){return ${body}};return{${calls}}}();\n`, map: null }
  }
})

/**
 * Makes a file's global a function of what it shares with the first file, which has the same code:
 * `var Name=function(shared){return <the IIFE that terser wrote>}`. Its externals' globals name
 * fields of `shared` (see the file's `globals`), so the file carries no copy of them.
 */
const takesShared = name => ({
  name: 'takes-shared',
  renderChunk(code) {
    return { code: `var ${name}=function(shared){return ${iifeOf(this, code, name)}};\n`, map: null }
  }
})

/** The configuration checker's module, which the follow-up file takes from the first file. */
const isChecker = id => /[\\/]core[\\/]src[\\/]checker\.ts$/.test(id)

/** The plugins of a drop-in file (sources, CSS and JSON inlined, minified), then `after`'s, which see terser's output. */
const dropIn = (...after) => [inlineCss(), json({ preferConst: true }), nodeResolve({ exportConditions: ['source'] }), ts(), production(), minify(), ...after]

const external = ['nanostores', 'js-cookie', 'preact', 'preact/jsx-runtime', '@consentry/core', '@consentry/ui', '@consentry/ui/placeholder']

/** One row per output: ESM libraries keep their dependencies external; bundles for pages inline them. */
export default [
  {
    input: 'packages/core/src/index.ts',
    external,
    output: { file: 'packages/core/dist/index.js', format: 'es' },
    plugins: [ts()]
  },
  {
    // Each shipped translation becomes its own chunk, loaded only by pages in that language; the
    // panel is its own entry (`@consentry/ui/panel`), which `mount` imports on first use.
    input: { index: 'packages/ui/src/index.ts', panel: 'packages/ui/src/panel.tsx', placeholder: 'packages/ui/src/placeholder.ts' },
    external,
    output: {
      dir: 'packages/ui/dist',
      format: 'es',
      // Chunks shared by the entries keep their first module's name (chunks/dom.js), as bundlers and
      // stack traces show them; a translation is translations/fr.js.
      chunkFileNames: chunk => (chunk.moduleIds.every(id => id.endsWith('.json')) ? 'translations/[name].js' : 'chunks/[name].js')
    },
    plugins: [inlineCss(), json({ preferConst: true }), ts(), dynamicImportVars(), translations('translations')]
  },
  {
    // `init` imports the follow-up (gate, integrations, log, cleanup) after the banner: bundlers make it a chunk of its own.
    input: {
      index: 'packages/consentry/src/index.ts',
      'follow-up': 'packages/consentry/src/follow-up.ts',
      placeholders: 'packages/consentry/src/placeholders.ts'
    },
    external,
    output: { dir: 'packages/consentry/dist', format: 'es', chunkFileNames: 'chunks/[name].js' },
    plugins: [ts()]
  },
  {
    // The command line (`npx consentry validate`), run in Node by bin/consentry.mjs.
    input: 'packages/consentry/src/cli.ts',
    external,
    output: { file: 'packages/consentry/dist/cli.js', format: 'es' },
    plugins: [ts()]
  },
  {
    // The drop-in: one self-contained file (JS, CSS, English) for a <script> tag or a CDN.
    input: 'packages/consentry/src/global.ts',
    output: { file: 'packages/consentry/dist/consentry.min.js', format: 'iife' },
    plugins: dropIn(translations('i18n'))
  },
  {
    // The drop-in's second file: the preferences panel (with Preact), loaded on first use.
    input: 'packages/consentry/src/panel.ts',
    output: { file: 'packages/consentry/dist/consentry-panel.min.js', format: 'iife', name: 'ConsentryPanel' },
    plugins: dropIn(runOnFirstCall('ConsentryPanel', ['drawPanel', 'prepare']))
  },
  {
    // The drop-in's third file: the gate, the vendor integrations, the consent log and the sweep of
    // refused cookies, loaded once the banner is drawn.
    // js-cookie and the configuration checker are the first file's (`Shared` in global.ts): 1.2 kB less.
    input: 'packages/consentry/src/follow-up.ts',
    external: id => id === 'js-cookie' || isChecker(id),
    output: {
      file: 'packages/consentry/dist/consentry-follow-up.min.js',
      format: 'iife',
      name: 'ConsentryFollowUp',
      globals: id => (id === 'js-cookie' ? 'shared.Cookies' : 'shared')
    },
    plugins: dropIn(takesShared('ConsentryFollowUp'))
  },
  {
    // The drop-in's fourth file: the embed placeholders, loaded when a blocked iframe is first met.
    input: 'packages/consentry/src/placeholders.ts',
    output: { file: 'packages/consentry/dist/consentry-placeholders.min.js', format: 'iife', name: 'ConsentryPlaceholders' },
    plugins: dropIn()
  },
  {
    input: 'examples/engine-demo/src/main.ts',
    output: { file: 'examples/engine-demo/dist/main.js', format: 'iife' },
    plugins: [nodeResolve({ exportConditions: ['source'] }), ts(), production(), minify()]
  }
]
