/**
 * The JavaScript the login and home screens load, gzip-compressed: the entry chunk and its
 * static imports (from index.html's module script and modulepreload links, then the chunks'
 * own `import … from`), plus the lazy chunks of the home page (e.g. its chart). Uses Vite's
 * manifest when present; otherwise parses the built files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist/web');

/** One file and its sizes in bytes. */
export interface TBundleFile {
  file: string;
  raw: number;
  gzip: number;
  /** entry: loaded by index.html and static imports; home-lazy: loaded when the home page renders. */
  group: 'entry' | 'home-lazy';
}

/** The files, their totals, and how they were found. */
export interface TBundleReport {
  files: TBundleFile[];
  entryGzip: number;
  homeLazyGzip: number;
  totalGzip: number;
  method: 'manifest' | 'html';
  note?: string;
}

interface TManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** Builds the web UI when dist/web is missing or `force` (`npx vite build`); returns an error text on failure. */
export function ensureBuilt(log: (s: string) => void, force = false): string | null {
  if (!force && existsSync(path.join(DIST, 'index.html'))) return null;
  log(force ? '  running npx vite build …' : '  dist/web missing: running npx vite build …');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
  if (r.status !== 0) return `vite build failed (${r.status}): ${String(r.stderr).slice(-500)}`;
  return null;
}

const sizeOf = (rel: string, group: TBundleFile['group']): TBundleFile => {
  const buf = readFileSync(path.join(DIST, rel));
  return { file: rel, raw: buf.length, gzip: gzipSync(buf).length, group };
};

const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["']([^"']+\.js)["']\s*\)/g;

function resolveRel(fromRel: string, spec: string): string {
  if (spec.startsWith('/')) return spec.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
}

function staticClosureFromFiles(start: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const rel = queue.shift()!;
    if (seen.has(rel) || !existsSync(path.join(DIST, rel))) continue;
    seen.add(rel);
    const code = readFileSync(path.join(DIST, rel), 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) queue.push(resolveRel(rel, m[1]));
  }
  return seen;
}

/** Measures the built UI. Call ensureBuilt first. */
export function measureBundle(): TBundleReport {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const attr = (tag: string, name: string) => new RegExp(`${name}=["']([^"']+)["']`).exec(tag)?.[1];
  const scripts = [...html.matchAll(/<script\b[^>]*type=["']module["'][^>]*>/g)].map((m) => attr(m[0], 'src')).filter((s): s is string => !!s);
  const preloads = [...html.matchAll(/<link\b[^>]*rel=["']modulepreload["'][^>]*>/g)].map((m) => attr(m[0], 'href')).filter((s): s is string => !!s);
  const fromHtml = [...scripts, ...preloads].map((s) => resolveRel('index.html', s));
  const entry = staticClosureFromFiles(fromHtml);

  const manifestPath = path.join(DIST, '.vite/manifest.json');
  const homeLazy = new Set<string>();
  let method: TBundleReport['method'] = 'html';
  if (existsSync(manifestPath)) {
    method = 'manifest';
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, TManifestChunk>;
    const staticKeys = (keys: string[]) => {
      const out = new Set<string>();
      const q = [...keys];
      while (q.length) {
        const k = q.shift()!;
        if (out.has(k) || !manifest[k]) continue;
        out.add(k);
        q.push(...(manifest[k].imports ?? []));
      }
      return out;
    };
    const entryKeys = staticKeys(Object.keys(manifest).filter((k) => manifest[k].isEntry));
    for (const k of entryKeys) entry.add(manifest[k].file);
    // Lazy chunks whose source lies under features/home (the home page's chart, …) and their imports.
    const homeDynamic = Object.keys(manifest).filter((k) => /features\/home\//i.test(k) && !entryKeys.has(k));
    for (const k of staticKeys(homeDynamic)) if (!entry.has(manifest[k].file)) homeLazy.add(manifest[k].file);
  } else {
    for (const rel of entry) {
      const code = readFileSync(path.join(DIST, rel), 'utf8');
      for (const m of code.matchAll(DYNAMIC_IMPORT)) {
        const target = resolveRel(rel, m[1]);
        if (/home|chart/i.test(path.basename(target))) for (const f of staticClosureFromFiles([target])) if (!entry.has(f)) homeLazy.add(f);
      }
    }
  }
  const files = [
    ...[...entry].filter((f) => f.endsWith('.js')).map((f) => sizeOf(f, 'entry')),
    ...[...homeLazy].filter((f) => f.endsWith('.js')).map((f) => sizeOf(f, 'home-lazy')),
  ];
  const sum = (g?: TBundleFile['group']) => files.filter((f) => !g || f.group === g).reduce((s, f) => s + f.gzip, 0);
  return {
    files,
    entryGzip: sum('entry'),
    homeLazyGzip: sum('home-lazy'),
    totalGzip: sum(),
    method,
    note: homeLazy.size ? undefined : 'no lazy home chunk identified',
  };
}
