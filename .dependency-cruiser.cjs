/**
 * Boundaries between the parts of Zhili, checked by `npm run lint` (dependency-cruiser).
 *
 * Every rule is an error, except for files in the folders of scripts/lint-pending.json (rewritten
 * on other branches right now): there the same rule is a warning named `<rule> (pending)`, listed
 * without failing the run. LINT_STRICT=1 makes them errors too.
 */
const { folders } = require('./scripts/lint-pending.json');

const STRICT = process.env.LINT_STRICT === '1';
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Files of the pending folders. */
const PENDING = STRICT || !folders.length ? null : `^(?:${folders.map(escapeRegExp).join('|')})`;
/** Test files and test support (`*.testing.ts`): they may import anything. */
const TESTS = '\\.(test|testing)\\.ts$';
const NPM = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];

const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * A rule, as an error for files outside the pending folders and a warning for files inside them.
 * `from.path` regexes keep their capture groups (the lookahead that adds "and pending" captures
 * nothing), so `$1` in `to` still means what it did.
 */
function rule(r) {
  if (!PENDING) return [r];
  const from = r.from ?? {};
  const paths = list(from.path);
  return [
    { ...r, from: { ...from, pathNot: [...list(from.pathNot), PENDING] } },
    {
      ...r,
      name: `${r.name} (pending)`,
      severity: 'warn',
      from: { ...from, path: paths.length ? paths.map((p) => `(?=${PENDING})${p}`) : PENDING },
    },
  ];
}

/** A cycle is pending when a pending file is on it. */
function cycleRule(r) {
  if (!PENDING) return [r];
  return [
    { ...r, to: { ...r.to, viaOnly: { pathNot: PENDING } } },
    { ...r, name: `${r.name} (pending)`, severity: 'warn', to: { ...r.to, via: { path: PENDING } } },
  ];
}

module.exports = {
  forbidden: [
    // src/shared runs in the browser and on the server: the language and zod, nothing else.
    ...rule({
      name: 'shared-no-node-builtins',
      comment: 'src/shared runs in the browser too: no Node built-ins (node:*, fs, path, crypto…).',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] },
    }),
    ...rule({
      name: 'shared-no-server-or-web',
      comment: 'src/shared is imported by both sides and imports neither.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(server|web)/' },
    }),
    ...rule({
      name: 'shared-only-zod',
      comment: 'The only npm package src/shared uses is zod (its tests may use vitest).',
      severity: 'error',
      from: { path: '^src/shared/', pathNot: TESTS },
      to: { dependencyTypes: NPM, pathNot: '(^|/)node_modules/zod/' },
    }),
    ...rule({
      name: 'shared-tests-only-vitest',
      comment: 'Tests in src/shared may import vitest besides zod.',
      severity: 'error',
      from: { path: `^src/shared/.*${TESTS}` },
      to: { dependencyTypes: NPM, pathNot: '(^|/)node_modules/(zod|vitest)/' },
    }),

    // The browser never imports server code.
    ...rule({
      name: 'web-not-server',
      comment: 'src/web talks to the server over HTTP; shared contracts live in src/shared.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    }),

    // Server modules meet only at their ports.
    ...rule({
      name: 'module-through-port',
      comment:
        "A module uses another module only through that module's *.port.ts (cases.port, attachments.port, chuangwen.port…). " +
        'Sub-folders of a module are the same module; modules/index.ts, tests and *.testing.ts may import anything.',
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/', pathNot: TESTS },
      to: { path: '^src/server/modules/([^/]+)/', pathNot: ['^src/server/modules/$1/', '\\.port\\.ts$'] },
    }),
    ...rule({
      name: 'no-foreign-repo',
      comment:
        "No module imports another module's *.repo.ts: its tables are its own (subsumed by module-through-port, " +
        'named on its own so the message says why).',
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/', pathNot: TESTS },
      to: { path: '^src/server/modules/([^/]+)/.*\\.repo\\.ts$', pathNot: '^src/server/modules/$1/' },
    }),

    // The case tables belong to the cases module.
    ...rule({
      name: 'case-tables-owner',
      comment:
        'Only the cases module, src/server/db and the seed import schema/cases.ts (the cases and case_events tables); ' +
        'other code reads schema/case-view.ts (the case_view view) or goes through cases.port. Tests may set up rows.',
      severity: 'error',
      from: { pathNot: ['^src/server/(modules/cases|db|seed)/', TESTS] },
      to: { path: '^src/server/db/schema/cases\\.ts$' },
    }),
    ...rule({
      name: 'no-schema-barrel',
      comment:
        "db/schema/index.ts re-exports every table (it is drizzle-kit's and the db client's entry); " +
        'code outside src/server/db imports the schema file it needs, so the table owners can be checked.',
      severity: 'error',
      from: { pathNot: '^src/server/db/' },
      to: { path: '^src/server/db/schema/index\\.ts$' },
    }),

    ...cycleRule({
      name: 'no-circular',
      comment: 'No import cycles.',
      severity: 'error',
      from: {},
      to: { circular: true },
    }),
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a rule cannot see through one that does not).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    // Type-only imports count: depending on another module's types is depending on the module.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.server.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
