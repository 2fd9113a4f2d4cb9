import { defineConfig } from 'vite'

// Built to examples/spa-preact/dist, which the examples site serves as /spa-preact/dist/.
export default defineConfig({
  base: '/spa-preact/dist/',
  // Preact's `h`, as the repository's tsconfig.json checks it (jsxFactory "h"), through Vite's own
  // transform: no plugin needed.
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
  build: { outDir: 'dist', emptyOutDir: true },
  plugins: [
    {
      // The hint for visitors of the unbuilt /spa-preact/ page is left out of the built page.
      name: 'strip-source-hint',
      apply: 'build',
      transformIndexHtml: html => html.replace(/<!-- source-hint -->[\s\S]*?<!-- \/source-hint -->\s*/, '')
    }
  ]
})
