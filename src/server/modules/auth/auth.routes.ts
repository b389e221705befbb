/** /api/auth: sign in, sign out, who am I, change password. */
import { ZChangePasswordBody, ZLoginBody, ZMe } from '../../../shared/contracts/auth.js';
import { ZOk } from '../../../shared/contracts/common.js';
import { audit } from '../../plugins/audit.js';
import { requireUser } from '../../plugins/auth.js';
import type { TAbilities } from '../../../shared/contracts/abilities.js';
import type { TApp, TSessionUser } from '../../lib/types.js';
import * as service from './auth.service.js';

function presentMe(u: TSessionUser, abilities: TAbilities) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unitId: u.unitId,
    unitName: u.unitName,
    areaId: u.areaId,
    areaName: u.areaName,
    areaCode: u.areaCode,
    mustChangePassword: u.mustChangePassword,
    abilities,
    csrfToken: u.csrfToken,
  };
}

export async function authRoutes(app: TApp) {
  const { db, config } = app.deps;

  app.post('/login', { schema: { tags: ['auth'], body: ZLoginBody, response: { 200: ZMe } } }, async (req, reply) => {
    const { token, user } = await service.login(db, config, {
      ...req.body,
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
    });
    reply.setCookie(service.SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: config.secureCookies,
      maxAge: Math.floor(config.sessionMaxMs / 1000),
    });
    req.user = user;
    await audit(req, { action: 'login', entity: 'user', entityId: user.id });
    return presentMe(user, app.modules.abilitiesFor(user));
  });

  app.post('/logout', { schema: { tags: ['auth'], response: { 200: ZOk } } }, async (req, reply) => {
    if (req.user) {
      await audit(req, { action: 'logout', entity: 'user', entityId: req.user.id });
      await service.logout(db, req.user);
    }
    reply.clearCookie(service.SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/me', { schema: { tags: ['auth'], response: { 200: ZMe } } }, async (req) => {
    const user = requireUser(req);
    return presentMe(user, app.modules.abilitiesFor(user));
  });

  app.post('/password', { schema: { tags: ['auth'], body: ZChangePasswordBody, response: { 200: ZOk } } }, async (req) => {
    const user = requireUser(req);
    await service.changePassword(db, user, req.body.oldPassword, req.body.newPassword);
    await audit(req, { action: 'change_password', entity: 'user', entityId: user.id });
    return { ok: true as const };
  });
}
