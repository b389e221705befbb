/**
 * Resolves the session cookie on every API request into `req.user`, and enforces
 * CSRF on writes: a signed-in write must echo the session's token in `x-csrf-token`.
 * Sign-in itself accepts JSON only, which a cross-site form cannot send.
 */
import type { FastifyRequest } from 'fastify';
import type { TAbilityModule, TAbilityName } from '../../shared/contracts/abilities.js';
import type { TAbilitySet } from '../lib/abilities.js';
import { AppError } from '../lib/app-error.js';
import type { TApp, TSessionUser } from '../lib/types.js';
import { resolveSession, SESSION_COOKIE } from '../modules/auth/auth.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Adds the session hook to the app. */
export function registerAuth(app: TApp): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    // Public pages (citizens' reports, self-reports) act for nobody: no session, no CSRF token.
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/public/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    req.user = await resolveSession(app.deps.db, app.deps.config, token);
    if (req.user && !SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.user.csrfToken) {
      throw new AppError('CSRF_FAILED', '页面已过期，请刷新后重试');
    }
  });
}

/** The signed-in user, or 401. */
export function requireUser(req: FastifyRequest): TSessionUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.user;
}

/**
 * The signed-in user if they have one of the abilities `names` of the module's declared set
 * (see the module's policy), or 403.
 */
export function requireAbility<M extends TAbilityModule>(
  req: FastifyRequest,
  abilities: TAbilitySet<M>,
  ...names: [TAbilityName<M>, ...TAbilityName<M>[]]
): TSessionUser {
  const user = requireUser(req);
  if (!names.some((n) => abilities.can(user, n))) throw new AppError('FORBIDDEN', '当前角色无权执行此操作');
  return user;
}
