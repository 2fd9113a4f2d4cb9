import { defineConfig } from 'vite'

// Built to examples/spa-react/dist, which the examples site serves as /spa-react/dist/.
export default defineConfig({
  base: '/spa-react/dist/',
  // React's automatic JSX runtime through Vite's own transform (no plugin needed for a build).
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true },
  plugins: [
    {
      // The hint for visitors of the unbuilt /spa-react/ page is left out of the built page.
      name: 'strip-source-hint',
      apply: 'build',
      transformIndexHtml: html => html.replace(/<!-- source-hint -->[\s\S]*?<!-- \/source-hint -->\s*/, '')
    }
  ]
})
