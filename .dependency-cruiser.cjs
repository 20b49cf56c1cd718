// Who may import whom in src/. Each top-level folder lists the folders it may use; anything else is
// an error in `npm run check`. Lower layers first: a folder only ever reaches down, so folders cannot
// form cycles. docs/ARCHITECTURE.md draws the same table.
const layers = {
  base: [],
  codes: ['base'],
  store: ['base'],
  catalog: ['base', 'codes', 'store'],
  accounts: ['base', 'store'],
  guides: ['base', 'codes', 'store', 'catalog'],
  feedback: ['base', 'codes', 'store', 'guides'],
  search: ['base', 'codes', 'store', 'catalog', 'guides'],
  lookup: ['base', 'codes', 'store', 'catalog', 'guides', 'search'],
  web: ['base', 'codes', 'store', 'catalog', 'guides', 'feedback', 'search', 'lookup'],
  api: ['base', 'codes', 'store', 'catalog', 'guides', 'feedback', 'search', 'lookup', 'web'],
  admin: ['base', 'codes', 'store', 'catalog', 'accounts', 'guides', 'feedback', 'search', 'lookup', 'web'],
  static: ['base', 'codes', 'store', 'catalog', 'guides', 'search', 'lookup', 'web'],
};
// Files directly in src/ (app.ts, server.ts, open.ts) compose the folders; only the CLI sits above them.
const top = ['cli'];
const all = Object.keys(layers);
const notTest = '\\.test\\.tsx?$';

const layerRules = Object.entries(layers).map(([folder, allowed]) => ({
  name: `layer-${folder}`,
  severity: 'error',
  comment: `src/${folder}/ may import only ${allowed.length ? allowed.join(', ') : 'nothing else in src'}`,
  from: { path: `^src/${folder}/`, pathNot: notTest },
  to: {
    path: `^src/(${[...all.filter((f) => f !== folder && !allowed.includes(f)), ...top].join('|')})/|^src/[^/]+\\.tsx?$`,
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'unknown-folder',
      severity: 'error',
      comment: 'every top-level folder of src/ has a place in the layer table',
      from: { path: '^src/', pathNot: `^src/(${[...all, ...top].join('|')})/|^src/[^/]+\\.tsx?$` },
      to: {},
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'modules do not import each other in a circle',
      from: { path: '^src/', pathNot: notTest },
      to: { circular: true },
    },
    {
      name: 'not-to-dev-dependency',
      severity: 'error',
      comment:
        "the package runs without its devDependencies; a dynamic import is the source checkout's fallback (the package ships the built file)",
      from: { path: '^src/', pathNot: notTest },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['dynamic-import'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
