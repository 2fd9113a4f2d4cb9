import { defineConfig } from 'vitest/config'

// Workspace packages resolve to their TypeScript sources through the "source" export condition;
// Node and published packages use dist.
const conditions = ['source', 'module', 'development|production']

export default defineConfig({
  resolve: { conditions: [...conditions, 'browser'] },
  ssr: { resolve: { conditions: [...conditions, 'node'] } },
  test: {
    // Two projects: unit tests beside the code (Node, or happy-dom by docblock), and real-browser
    // tests in Debian's Chromium against the built bundles.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.{ts,tsx}', 'test/*.test.ts', 'bench/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
          environment: 'node',
          // The banner's stylesheet is imported as a string (`styles.css?inline`), as in the build.
          css: true
        }
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['**/*.browser.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000
        }
      }
    ],
    reporters: ['default', './test/summary-reporter.ts'],
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.{ts,tsx}'],
      exclude: ['**/*.test.{ts,tsx}', '**/*.test-d.ts', '**/*.d.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: {
        'packages/core/src/**': { lines: 95, branches: 90, functions: 95 },
        'packages/ui/src/**': { lines: 95 },
        'packages/consentry/src/**': { lines: 95 },
        'packages/server/src/**': { lines: 95 }
      }
    }
  }
})
