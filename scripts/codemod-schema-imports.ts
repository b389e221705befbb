/**
 * Codemod: rewrites imports of the schema barrel (src/server/db/schema/index.ts) into imports of
 * the schema files that define each name, so the boundary rules can tell who imports which tables
 * (the cases tables are the cases module's).
 *
 *   node --import tsx scripts/codemod-schema-imports.ts            every file that imports the barrel,
 *                                                                  outside src/server/db and the pending folders
 *   node --import tsx scripts/codemod-schema-imports.ts <paths…>   only these files or folders
 *
 * `import { a, type B } from '…/schema/index.js'` becomes one import per schema file, in the
 * barrel's place, in file-name order; `import type { … }` stays type-only. Namespace imports
 * (`import * as schema`) are left alone and reported.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_DIR = 'src/server/db/schema';

/** Every name a schema file exports, mapped to the file (without extension). */
export function schemaExports(dir = path.join(root, SCHEMA_DIR)): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.ts') || file === 'index.ts' || file.endsWith('.test.ts')) continue;
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/^export\s+(?:declare\s+)?(?:const|let|function|class|type|interface|enum)\s+([A-Za-z_$][\w$]*)/gm)) {
      const other = owners.get(m[1]);
      if (other) throw new Error(`${m[1]} is exported by both ${other}.ts and ${file}`);
      owners.set(m[1], file.slice(0, -3));
    }
  }
  return owners;
}

const BARREL_IMPORT = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'((?:\.\.?\/)+(?:[\w-]+\/)*)schema\/index\.js';/g;

/** The text with its barrel imports rewritten, and the names it could not place. */
export function rewriteSchemaImports(text: string, owners: Map<string, string>): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const out = text.replace(BARREL_IMPORT, (whole, typeOnly: string | undefined, names: string, prefix: string) => {
    const byFile = new Map<string, string[]>();
    const missing: string[] = [];
    for (const raw of names.split(',')) {
      const spec = raw.trim();
      if (!spec) continue;
      const name = spec
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]
        .trim();
      const file = owners.get(name);
      if (!file) {
        missing.push(name);
        continue;
      }
      byFile.set(file, [...(byFile.get(file) ?? []), spec]);
    }
    if (missing.length) {
      unknown.push(...missing);
      return whole;
    }
    return [...byFile.keys()]
      .sort()
      .map((file) => `import ${typeOnly ? 'type ' : ''}{ ${byFile.get(file)?.join(', ')} } from '${prefix}schema/${file}.js';`)
      .join('\n');
  });
  return { text: out, unknown };
}

function filesToRewrite(args: string[]): string[] {
  const grep = (paths: string[]) => {
    try {
      return execFileSync('git', ['grep', '-l', 'db/schema/index.js', '--', ...paths], { cwd: root, encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
    } catch {
      return []; // git grep exits 1 when nothing matches
    }
  };
  if (args.length) return grep(args);
  const pending: string[] = JSON.parse(readFileSync(path.join(root, 'scripts/lint-pending.json'), 'utf8')).folders;
  return grep(['*.ts', '*.tsx']).filter((f) => !f.startsWith('src/server/db/') && !pending.some((p) => f.startsWith(p)));
}

function main(args: string[]) {
  const owners = schemaExports();
  let failed = false;
  for (const file of filesToRewrite(args)) {
    const before = readFileSync(path.join(root, file), 'utf8');
    const { text, unknown } = rewriteSchemaImports(before, owners);
    if (unknown.length) {
      console.error(`${file}: not exported by any schema file: ${unknown.join(', ')}`);
      failed = true;
    }
    if (text.includes("schema/index.js'")) {
      console.error(`${file}: still imports the barrel (a namespace or unusual import), left as it is`);
      failed = true;
    }
    if (text !== before) {
      writeFileSync(path.join(root, file), text);
      console.log(`rewrote ${file}`);
    }
  }
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
