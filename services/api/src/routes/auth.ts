import { ConflictError, findActiveTenant, NotFoundError } from '@mtm/shared';
import { Router } from 'express';
import { v7 as uuidv7 } from 'uuid';

import { authenticateToken, bearerToken } from '../auth/authenticate.js';
import { login, type LoginContext } from '../auth/login.js';
import { hashPassword } from '../auth/passwords.js';
import { endSession, rotateSession } from '../auth/sessions.js';
import type { ApiContext } from '../context.js';
import { userJson } from '../representations.js';
import { insertUser } from '../sql/users.js';

/**
 * Login, refresh, logout and self-registration. Served whatever
 * `auth.require_auth` says, so that clients can hold tokens before it is on.
 */
export function authRoutes(ctx: ApiContext & { login: LoginContext }): Router {
  const { sql, config } = ctx;
  const router = Router();

  router.post('/auth/login', async (req, res) => {
    const body = req.body as { username: string; password: string; tenant_id?: string };
    const tokens = await login(ctx.login, {
      username: body.username,
      password: body.password,
      tenant_id: body.tenant_id,
      // The peer's address: behind a proxy, Express's `trust proxy` decides what req.ip is.
      address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    });
    res.set('Cache-Control', 'no-store').json(tokens);
  });

  router.post('/auth/refresh', async (req, res) => {
    const { refresh_token } = req.body as { refresh_token: string };
    res.set('Cache-Control', 'no-store').json(await rotateSession(sql, ctx.login.tokens, refresh_token));
  });

  // Checks its token itself: logging out needs one even when the API is open.
  router.post('/auth/logout', async (req, res) => {
    const principal = await authenticateToken(sql, ctx.login.tokens, bearerToken(req));
    await endSession(sql, principal.id);
    res.status(204).end();
  });

  router.post('/auth/register', async (req, res) => {
    if (!config.auth.allow_registration) throw new NotFoundError(`no route for ${req.method} ${req.path}`);
    const body = req.body as { username: string; password: string; tenant_id: string };
    const tenantId = body.tenant_id.toLowerCase();
    if (!(await findActiveTenant(sql, tenantId))) throw new NotFoundError('tenant not found');
    const user = await insertUser(sql, {
      id: uuidv7(),
      username: body.username,
      passwordHash: await hashPassword(body.password),
      role: 'user',
      tenantId,
    });
    if (!user) throw new ConflictError(`the username ${JSON.stringify(body.username)} is taken`);
    res.status(201).json(userJson(user));
  });

  return router;
}
