/**
 * Runs one autocannon load (programmatic API) in its own process, so the load generator does
 * not share an event loop with the server it measures, and prints the result as one JSON line.
 * Usage: node --import tsx bench/cannon.ts '{"url":"http://127.0.0.1:3000/","connections":20,"duration":10}'
 */
import autocannon from 'autocannon';

/** What the parent passes. */
export interface TCannonArgs {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}

/** What the child prints. */
export interface TCannonResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as TCannonArgs;
const r = await autocannon({ url: args.url, connections: args.connections, duration: args.duration, headers: args.headers });
const result: TCannonResult = {
  reqPerSec: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  requests: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
