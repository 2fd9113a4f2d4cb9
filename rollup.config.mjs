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

const production = () => replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': '"production"' } })

const minify = () => terser({ module: true, compress: { passes: 2 }, format: { comments: false } })

/** One row per output: ESM libraries keep their dependencies external; bundles for pages inline them. */
export default [
  {
    input: 'packages/core/src/index.ts',
    external: ['nanostores', 'js-cookie'],
    output: { file: 'packages/core/dist/index.js', format: 'es' },
    plugins: [ts()]
  },
  {
    input: 'examples/engine-demo/src/main.ts',
    output: { file: 'examples/engine-demo/dist/main.js', format: 'iife' },
    plugins: [nodeResolve(), ts(), production(), minify()]
  }
]
