// @vitest-environment happy-dom
// Runs the framework snippets of docs/getting-started.md, read from the Markdown on every run, so a
// doc change that breaks them fails here (issue #5: every snippet is exercised).
//
// Which blocks: in "Read the choice: `useConsent`", the block after each bold label (**React**,
// **Preact**, **Vue**, **Svelte**); in "Guard route changes", the ```ts block that starts with
// `// Vue Router` and the ```tsx block that starts with `// React Router`. A missing or doubled block
// fails the file.
//
// What the snippets take for granted comes from test/snippets/: `./consent` is the docs'
// src/consent.ts on the package source, and stubs.ts holds the site's ChatWidget, sendPageView and
// router. Each snippet is written to test/snippets/.generated/ unchanged, with only whole lines
// around it: imports of those stubs after it, Preact's JSX pragma, and for the React Router lines
// the component they belong in. The TypeScript ones are type-checked against the real React, Preact
// and Vue types, each error reported at its line in the doc, then transpiled and run. The Svelte one
// has its ./Analytics.svelte import pointed at a stub component, is compiled by svelte/compiler, and is
// mounted.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { act, createElement } from 'react'
import type { ComponentType } from 'react'
import { createRoot } from 'react-dom/client'
import type { Root } from 'react-dom/client'
import { flushSync, mount as mountSvelte, unmount as unmountSvelte } from 'svelte'
import type { Component } from 'svelte'
import { compile } from 'svelte/compiler'
import ts from 'typescript'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h as vueH, nextTick } from 'vue'
import type { App, ComputedRef } from 'vue'

import { consentry, ready } from './snippets/consent.js'
import { $location, pageViews, router } from './snippets/stubs.js'

// Paths from the file's own, since happy-dom's URL replaces Node's in this environment.
const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = join(HERE, '..')
const DOC = 'docs/getting-started.md'
const SNIPPETS = join(HERE, 'snippets')
const GENERATED = join(SNIPPETS, '.generated')

interface Block {
  /** The line of the opening fence. */
  line: number
  lang: string
  text: string
  /** The ## or ### heading the block is under. */
  section: string
  /** The bold word that opens the last paragraph before the block, as in "**Vue**, with ...". */
  label: string
}

/** Every fenced block of the page, with its section and label. */
function blocks(): Block[] {
  let lines = readFileSync(join(ROOT, DOC), 'utf8').split('\n')
  let found: Block[] = []
  let section = ''
  let label = ''
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!
    let heading = /^#{2,3} (.*)$/.exec(line)
    if (heading) [section, label] = [heading[1]!, '']
    let bold = /^\*\*(\w[^*]*)\*\*/.exec(line)
    if (bold) label = bold[1]!
    let open = /^(\s*)```(\w*)\s*$/.exec(line)
    if (!open) continue
    let indent = open[1]!.length
    let body: string[] = []
    let j = i + 1
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j]!)) body.push(lines[j++]!.slice(indent))
    found.push({ line: i + 1, lang: open[2]!, text: body.join('\n'), section, label })
    i = j
  }
  return found
}

const all = blocks()

/** The one block that matches, or an error that names what was looked for. */
function only(description: string, test: (block: Block) => boolean): Block {
  let matches = all.filter(test)
  if (matches.length !== 1) throw new Error(`${DOC}: expected one ${description}, found ${matches.length}`)
  return matches[0]!
}

const USE_CONSENT = 'Read the choice: `useConsent`'
const GUARD = 'Guard route changes with `hasConsent`'
const labelled = (label: string, lang: string): Block =>
  only(`\`\`\`${lang} block after **${label}** in "${USE_CONSENT}"`, b => b.section === USE_CONSENT && b.label === label && b.lang === lang)
const guard = (comment: string, lang: string): Block =>
  only(`\`\`\`${lang} block starting "${comment}" in "${GUARD}"`, b => b.section === GUARD && b.lang === lang && b.text.startsWith(comment))

interface Generated {
  block: Block
  /** Where the snippet is written to be type-checked and run. */
  file: string
  /** Lines written before the snippet's first line. */
  offset: number
}

/** Writes a snippet with whole lines before and after it; `offset` maps errors back to the doc. */
function generate(name: string, block: Block, before: string[], after: string[]): Generated {
  let file = join(GENERATED, name)
  writeFileSync(file, [...before, block.text, ...after, ''].join('\n'))
  return { block, file, offset: before.length }
}

rmSync(GENERATED, { recursive: true, force: true })
mkdirSync(GENERATED, { recursive: true })
writeFileSync(join(GENERATED, 'consent.ts'), "export * from '../consent'\n")

const react = generate('react.tsx', labelled('React', 'tsx'), [], ["import { ChatWidget } from '../stubs'"])
const preact = generate('preact.tsx', labelled('Preact', 'tsx'), ['/** @jsxImportSource preact */'], [])
const vue = generate('vue.ts', labelled('Vue', 'ts'), [], [])
const vueRouter = generate('vue-router.ts', guard('// Vue Router', 'ts'), [], [
  "import { consentry } from './consent'",
  "import { router, sendPageView } from '../stubs'"
])
const reactRouter = generate('react-router.tsx', guard('// React Router', 'tsx'), ['export function PageViews() {'], [
  '  return null',
  '}',
  "import { useEffect } from 'react'",
  "import { consentry } from './consent'",
  "import { sendPageView, useLocation } from '../stubs'"
])
const svelte = labelled('Svelte', 'svelte')

let program: ts.Program | undefined

/** One program for every snippet: the root tsconfig, with React's automatic JSX (Preact's by pragma). */
function typeProgram(): ts.Program {
  if (program) return program
  let { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile)
  let { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT)
  program = ts.createProgram({
    rootNames: [react, preact, vue, vueRouter, reactRouter].map(snippet => snippet.file),
    options: { ...options, jsx: ts.JsxEmit.ReactJSX, jsxImportSource: 'react', jsxFactory: undefined, jsxFragmentFactory: undefined }
  })
  return program
}

/** The compiler's errors for a snippet, each at its line in the doc. */
function typeErrors(snippet: Generated): string[] {
  let checked = typeProgram()
  let source = checked.getSourceFile(snippet.file)
  if (!source) return [`${snippet.file} is not in the program`]
  return ts.getPreEmitDiagnostics(checked, source).map(diagnostic => {
    let message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
    if (!diagnostic.file || diagnostic.start === undefined) return message
    let { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
    let where = diagnostic.file.fileName === snippet.file ? `${DOC}:${snippet.block.line + 1 + line - snippet.offset}` : diagnostic.file.fileName
    return `${where}: ${message}`
  })
}

/** Transpiles a type-checked snippet and imports it. */
async function run<T>(snippet: Generated): Promise<T> {
  let { outputText } = ts.transpileModule(readFileSync(snippet.file, 'utf8'), {
    fileName: snippet.file,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.ReactJSX, jsxImportSource: 'react' }
  })
  let file = snippet.file.replace(/\.tsx?$/, '.js')
  writeFileSync(file, outputText)
  return (await import(/* @vite-ignore */ file)) as T
}

/** Compiles a Svelte component to client code and imports it. */
async function compileSvelte(name: string, source: string): Promise<{ component: Component; warnings: string[] }> {
  let { js, warnings } = compile(source, { generate: 'client', filename: name + '.svelte' })
  let file = join(GENERATED, name + '.js')
  writeFileSync(file, js.code)
  let module = (await import(/* @vite-ignore */ file)) as { default: Component }
  return { component: module.default, warnings: warnings.map(warning => `${warning.code}: ${warning.message}`) }
}

/**
 * Preact as Node loads it for @nanostores/preact, which vitest leaves to Node. A plain import here
 * gets Preact's browser build instead: a second copy, whose renders the hooks would not see.
 */
async function nodePreact(): Promise<typeof import('preact')> {
  let require = createRequire(import.meta.url)
  let manifest = require('preact/package.json') as { exports: { '.': { import: string } } }
  let file = join(dirname(require.resolve('preact/package.json')), manifest.exports['.'].import)
  return (await import(/* @vite-ignore */ file)) as typeof import('preact')
}

/** The buttons in `element` whose text is `name`. */
const buttons = (element: Element, name: string): HTMLButtonElement[] =>
  [...element.querySelectorAll('button')].filter(button => button.textContent === name)

let container: HTMLElement
let cleanups: (() => void)[] = []

beforeAll(async () => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
  await ready
})

// The type program (every snippet, with React's, Preact's and Vue's types) and its checker take
// seconds to build, more on a busy 2-core machine: built here, with room, not in the first test's 5 s.
beforeAll(() => {
  let checked = typeProgram()
  checked.getTypeChecker()
  checked.getGlobalDiagnostics()
}, 60_000)

beforeEach(() => {
  container = document.createElement('div')
  document.body.append(container)
})

afterEach(() => {
  for (let cleanup of cleanups.splice(0)) cleanup()
  container.remove()
})

afterAll(() => consentry.destroy())

/** Renders a React element in the container; unmounted after the test. */
function renderReact(element: Parameters<Root['render']>[0]): void {
  let root = createRoot(container)
  act(() => root.render(element))
  cleanups.push(() => act(() => root.unmount()))
}

describe(`React, from ${DOC}:${react.block.line}`, () => {
  it('useConsent and Chat type-check against React and @nanostores/react', () => {
    expect(typeErrors(react)).toEqual([])
  })

  it('Chat shows the chat widget only while preferences is granted', async () => {
    let { Chat } = await run<{ Chat: ComponentType }>(react)
    act(() => consentry.rejectAll())
    renderReact(createElement(Chat))
    expect(buttons(container, 'Enable chat')).toHaveLength(1)
    expect(container.textContent).not.toContain('Chat widget')

    act(() => consentry.acceptAll())
    expect(container.textContent).toBe('Chat widget')

    act(() => consentry.rejectAll())
    expect(buttons(container, 'Enable chat')).toHaveLength(1)
    expect(container.textContent).not.toContain('Chat widget')
  })

  it('the Enable chat button opens the preferences panel', async () => {
    let { Chat } = await run<{ Chat: ComponentType }>(react)
    act(() => consentry.rejectAll())
    renderReact(createElement(Chat))
    let panel = (): HTMLDialogElement | null | undefined =>
      document.querySelector('consentry-ui')?.shadowRoot?.querySelector<HTMLDialogElement>('dialog.cc-panel')
    expect(panel()?.open ?? false).toBe(false)

    act(() => buttons(container, 'Enable chat')[0]!.click())
    expect((await vi.waitUntil(panel)).open).toBe(true)
    act(() => consentry.rejectAll())
  })
})

describe(`Preact, from ${DOC}:${preact.block.line}`, () => {
  it('useConsent type-checks against Preact and @nanostores/preact', () => {
    expect(typeErrors(preact)).toEqual([])
  })

  it('useConsent re-renders a component with each decision', async () => {
    let { useConsent } = await run<{ useConsent: (category: string) => boolean }>(preact)
    let { h, render } = await nodePreact()
    consentry.rejectAll()
    let Status = () => h('p', null, useConsent('analytics') ? 'analytics on' : 'analytics off')
    render(h(Status, null), container)
    cleanups.push(() => render(null, container))
    expect(container.textContent).toBe('analytics off')

    // @nanostores/preact batches re-renders in a setTimeout.
    consentry.acceptAll()
    await vi.waitFor(() => expect(container.textContent).toBe('analytics on'))
    consentry.rejectAll()
    await vi.waitFor(() => expect(container.textContent).toBe('analytics off'))
  })
})

describe(`Vue, from ${DOC}:${vue.block.line}`, () => {
  it('useConsent type-checks against Vue and @nanostores/vue', () => {
    expect(typeErrors(vue)).toEqual([])
  })

  it('useConsent returns a computed that follows acceptAll and rejectAll', async () => {
    let { useConsent } = await run<{ useConsent: (category: string) => ComputedRef<boolean> }>(vue)
    consentry.rejectAll()
    let allowed: ComputedRef<boolean> | undefined
    let app: App = createApp({
      setup() {
        allowed = useConsent('analytics')
        return () => vueH('p', allowed!.value ? 'analytics on' : 'analytics off')
      }
    })
    app.mount(container)
    cleanups.push(() => app.unmount())
    expect(allowed!.value).toBe(false)
    expect(container.textContent).toBe('analytics off')

    consentry.acceptAll()
    expect(allowed!.value).toBe(true)
    await nextTick()
    expect(container.textContent).toBe('analytics on')

    consentry.rejectAll()
    expect(allowed!.value).toBe(false)
    await nextTick()
    expect(container.textContent).toBe('analytics off')
  })
})

describe(`Svelte, from ${DOC}:${svelte.line}`, () => {
  /** The snippet with its `./Analytics.svelte` import pointed at the compiled stub component. */
  const source = svelte.text.replace("'./Analytics.svelte'", "'./analytics.js'")

  beforeAll(async () => {
    await compileSvelte('analytics', readFileSync(join(SNIPPETS, 'analytics.svelte'), 'utf8'))
  })

  it('compiles with Svelte 5 and no warnings', async () => {
    expect(source).not.toBe(svelte.text)
    let { warnings } = await compileSvelte('consent-gate', source)
    expect(warnings).toEqual([])
  })

  it('renders <Analytics /> only while analytics is granted: an atom is a Svelte store', async () => {
    let { component } = await compileSvelte('consent-gate', source)
    consentry.rejectAll()
    let instance = mountSvelte(component, { target: container })
    cleanups.push(() => unmountSvelte(instance))
    flushSync()
    expect(container.textContent).not.toContain('Analytics is running')

    consentry.acceptAll()
    flushSync()
    expect(container.querySelector('p')?.textContent).toBe('Analytics is running')

    consentry.rejectAll()
    flushSync()
    expect(container.querySelector('p')).toBeNull()
  })
})

describe(`Vue Router guard, from ${DOC}:${vueRouter.block.line}`, () => {
  it('type-checks with consentry and a router whose routes have fullPath', () => {
    expect(typeErrors(vueRouter)).toEqual([])
  })

  it('sends a page view only for navigations while analytics is granted', async () => {
    pageViews.length = 0
    await run(vueRouter)
    consentry.rejectAll()
    router.navigate('/before')
    consentry.acceptAll()
    router.navigate('/pricing')
    router.navigate('/pricing?plan=pro')
    consentry.rejectAll()
    router.navigate('/after')
    expect(pageViews).toEqual(['/pricing', '/pricing?plan=pro'])
  })
})

describe(`React Router guard, from ${DOC}:${reactRouter.block.line}`, () => {
  it('type-checks inside a component, with React and useLocation', () => {
    expect(typeErrors(reactRouter)).toEqual([])
  })

  it('sends a page view only for locations reached while analytics is granted', async () => {
    pageViews.length = 0
    let { PageViews } = await run<{ PageViews: ComponentType }>(reactRouter)
    act(() => consentry.rejectAll())
    act(() => $location.set({ pathname: '/' }))
    renderReact(createElement(PageViews))
    act(() => $location.set({ pathname: '/before' }))
    act(() => consentry.acceptAll())
    act(() => $location.set({ pathname: '/pricing' }))
    act(() => consentry.rejectAll())
    act(() => $location.set({ pathname: '/after' }))
    expect(pageViews).toEqual(['/pricing'])
  })
})
