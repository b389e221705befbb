/**
 * Zhili as a separate process, the way `npm start` runs it (`src/server/main.ts`): for the browser
 * journeys and for the benchmark figures that must be the server's own (its memory, over HTTP).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A port nobody listens on: a busy fixed port would send requests to someone else's server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A running server process. */
export interface TServerProcess {
  baseUrl: string;
  process: ChildProcess;
  /** The tail of what it printed (stdout and stderr). */
  log: () => string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it has exited. */
  stop: () => Promise<void>;
}

/**
 * Starts the server with `env` added to this process's environment (PORT is chosen here) and
 * waits until /api/health answers; throws with the server's output if it exits or stays silent.
 */
export async function startServer(env: NodeJS.ProcessEnv, o: { port?: number; timeoutMs?: number } = {}): Promise<TServerProcess> {
  const port = o.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 400) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const server: TServerProcess = {
    baseUrl: `http://localhost:${port}`,
    process: child,
    log: () => output.join('').slice(-4000),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode != null || child.signalCode != null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  const timeoutMs = o.timeoutMs ?? 180_000;
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode != null) throw new Error(`server exited early with code ${child.exitCode}:\n${server.log()}`);
    if (await fetch(`${server.baseUrl}/api/health`).then((r) => r.ok, () => false)) return server;
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`server did not answer /api/health within ${timeoutMs / 1000}s:\n${server.log()}`);
}
