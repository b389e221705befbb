/** Types shared across the server's plugins and modules. */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TRole } from '../../shared/domain/roles.js';
import type { Db } from '../db/client.js';
import type { TStorage } from './storage.js';

/**
 * A user as services and repositories see them: who they are, their role, and their unit and
 * area, which make their scope. Services take this, never the HTTP session.
 */
export interface TUser {
  id: number;
  username: string;
  displayName: string;
  role: TRole;
  unitId: number | null;
  unitName: string | null;
  areaId: number;
  areaName: string;
  areaCode: string;
  /** Significant prefix of the user's area code: their scope's subtree. */
  areaPrefix: string;
}

/** The signed-in user of an HTTP request: a user with the session that carries them. */
export interface TSessionUser extends TUser {
  mustChangePassword: boolean;
  sessionId: string;
  csrfToken: string;
}

/** Settings the app is built with. */
export interface TAppConfig {
  version: string;
  /** Session lifetime without activity, in ms. */
  sessionIdleMs: number;
  /** Absolute session lifetime, in ms. */
  sessionMaxMs: number;
  /** Largest attachment in bytes. */
  maxUploadBytes: number;
  /** Set the cookie's Secure flag (behind HTTPS). */
  secureCookies: boolean;
  /** Folder of the built web UI, served at /. Omitted in API-only tests. */
  webDir?: string;
}

export interface TAppDeps {
  db: Db;
  dbKind: 'pglite' | 'postgresql';
  storage: TStorage;
  config: TAppConfig;
}

/** The Fastify instance with the Zod type provider, as modules receive it. */
export type TApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    deps: TAppDeps;
  }
  interface FastifyRequest {
    user: TSessionUser | null;
  }
}
