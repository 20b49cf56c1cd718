// Build step: src/ → dist/ as ES modules bundled with esbuild, one file per CLI entry plus shared chunks
// (each command's chunk loads only when it runs). Pure-JavaScript libraries with many small modules
// (kysely, zod, yaml, markdown-it…) are bundled in: resolving and compiling several hundred files was
// most of a CLI start. Packages with native code, WebAssembly, workers or files of their own stay in
// node_modules. Types are checked by `npm run typecheck`, not here.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const BUNDLED = new Set([
  'kysely',
  'zod',
  'fastify-type-provider-zod',
  'yaml',
  'markdown-it',
  'preact',
  'preact-render-to-string',
]);

const packageName = (path) =>
  path
    .split('/')
    .slice(0, path.startsWith('@') ? 2 : 1)
    .join('/');

/** Bare imports from our sources stay external unless listed; what a bundled library imports is bundled. */
const dependencies = {
  name: 'dependencies',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      if (args.importer.includes('/node_modules/')) return undefined;
      return BUNDLED.has(packageName(args.path)) ? undefined : { external: true };
    });
  },
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: new URL('..', import.meta.url).pathname,
  entryPoints: ['src/cli/main.ts', 'src/static/build.ts', 'src/catalog/compile.ts'],
  outbase: 'src',
  outdir: 'dist',
  // Chunks sit two levels below the package root, as entries do: PACKAGE_ROOT is found from either.
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  tsconfig: 'tsconfig.build.json',
  plugins: [dependencies],
  // Bundled CommonJS libraries (yaml) call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __errataRequire } from 'node:module'; const require = __errataRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// The catalog compiled for the CLI and server: one look-up reads only the entries it answers with.
const { compile } = await import('../dist/catalog/compile.js');
compile();
