/**
 * The cases and case_events tables belong to the cases module. dependency-cruiser sees who imports
 * their schema (rule case-tables-owner) but not raw SQL, so this check reads the string and
 * template literals of every file under src/server/modules, except the cases module, tests and
 * test support (`*.test.ts`, `*.testing.ts`, which may set up and inspect rows, as they may import
 * the tables), and fails when one names either table in SQL: `from cases`, `join cases`,
 * `update cases`, `into cases`, `'cases'`, `case_events`… Other modules read the case_view view or
 * go through cases.port.
 *
 *   node --import tsx scripts/check-sql-owners.ts
 *
 * Files in the folders of scripts/lint-pending.json are listed as pending without failing, unless
 * LINT_STRICT=1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULES = 'src/server/modules';
/** Files that may name the tables: the owner module, tests and test support. */
const EXEMPT = [/^src\/server\/modules\/cases\//, /\.(test|testing)\.ts$/];

/** SQL that names the cases or case_events table, in the text of one literal. */
const TABLE_IN_SQL = [
  /\bcase_events\b/i,
  /\b(?:from|join|update|into|table|truncate)\s+(?:only\s+)?(?:"?public"?\.)?"?cases"?(?![\w"])/i,
  /['"]cases['"]/,
];

export interface TSqlFinding {
  file: string;
  line: number;
  text: string;
}

/** The literals of a TypeScript source that name the case tables in SQL. */
export function findCaseTableSql(file: string, source: string): TSqlFinding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: TSqlFinding[] = [];
  const check = (node: ts.Node, text: string) => {
    if (!TABLE_IN_SQL.some((re) => re.test(text))) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    found.push({ file, line, text: text.replace(/\s+/g, ' ').trim().slice(0, 120) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) check(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      // The literal parts only (the `${…}` expressions are code, visited below), joined with a
      // mark so `from ${x} cases` does not read as `from cases`.
      check(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' … '));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function walk(dir: string, rel = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return walk(path.join(dir, e.name), r);
    return /\.tsx?$/.test(e.name) ? [r] : [];
  });
}

/** Every finding under `root`'s src/server/modules, split into failing and pending ones. */
export function checkSqlOwners(o: { root?: string; pending?: readonly string[] } = {}) {
  const root = o.root ?? ROOT;
  const pending = o.pending ?? [];
  const errors: TSqlFinding[] = [];
  const pendingFindings: TSqlFinding[] = [];
  for (const rel of walk(path.join(root, MODULES))) {
    const file = `${MODULES}/${rel}`;
    if (EXEMPT.some((re) => re.test(file))) continue;
    for (const f of findCaseTableSql(file, readFileSync(path.join(root, file), 'utf8'))) {
      (pending.some((p) => file.startsWith(p)) ? pendingFindings : errors).push(f);
    }
  }
  return { errors, pending: pendingFindings };
}

function main() {
  const strict = process.env.LINT_STRICT === '1';
  const { folders } = JSON.parse(readFileSync(path.join(ROOT, 'scripts/lint-pending.json'), 'utf8')) as { folders: string[] };
  const { errors, pending } = checkSqlOwners({ pending: strict ? [] : folders });
  const show = (f: TSqlFinding) => `  ${f.file}:${f.line}  ${f.text}`;
  if (pending.length) {
    console.log(`sql-owners (pending): ${pending.length} literal(s) name the cases tables in a pending folder:`);
    for (const f of pending) console.log(show(f));
  }
  if (errors.length) {
    console.error(`sql-owners: ${errors.length} literal(s) outside the cases module name the cases or case_events table in SQL;`);
    console.error('read the case_view view (db/schema/case-view.ts) or go through cases.port instead:');
    for (const f of errors) console.error(show(f));
    process.exitCode = 1;
  } else {
    console.log('sql-owners: no module outside cases names the cases tables in SQL.');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
