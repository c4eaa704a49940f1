// Bundles the portable core into one ESM file for every host (run with Bun: `bun scripts/bundle-lib.mjs OUT`).
// Target browser: web-standard globals only. Arcsecond falls back to `require('util')` on hosts
// without TextEncoder (none we support); that import resolves to an empty module instead of Bun's
// node:util polyfill, so the bundle has no `node:` code at all.
const out = process.argv[2] ?? 'dist/lib/index.js'
const result = await Bun.build({
  entrypoints: ['core/index.ts'],
  target: 'browser',
  format: 'esm',
  plugins: [
    {
      name: 'no-node-util',
      setup(build) {
        build.onResolve({ filter: /^(node:)?util$/ }, () => ({ path: 'util', namespace: 'empty' }))
        build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {}', loader: 'js' }))
      },
    },
  ],
})
if (!result.success) {
  for (const log of result.logs) console.error(log)
  process.exit(1)
}
await Bun.write(out, await result.outputs[0].text())
