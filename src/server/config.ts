/** Reads the environment once into typed settings. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TAppConfig } from './lib/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The package version, reported by /api/health. */
export const VERSION: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

/** Default password of the demo accounts when DEMO_PASSWORD is not set. */
export const DEFAULT_DEMO_PASSWORD = 'Zhili@2021';

export interface TEnvConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  demoPassword: string;
  seedDemo: boolean;
  app: TAppConfig;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): TEnvConfig {
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(ROOT, 'data'));
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    demoPassword: env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    seedDemo: env.SEED_DEMO !== 'false',
    app: defaultAppConfig({ webDir: env.WEB_DIR ? path.resolve(env.WEB_DIR) : path.join(ROOT, 'dist/web'), secureCookies: env.SECURE_COOKIES === 'true' }),
  };
}

/** App settings with defaults; tests override what they need. */
export function defaultAppConfig(over: Partial<TAppConfig> = {}): TAppConfig {
  return {
    version: VERSION,
    sessionIdleMs: 8 * 3600_000,
    sessionMaxMs: 7 * 24 * 3600_000,
    maxUploadBytes: 10 * 1024 * 1024,
    secureCookies: false,
    ...over,
  };
}
