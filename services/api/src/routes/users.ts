import { ConflictError, findActiveTenant, NotFoundError, ValidationError } from '@mtm/shared';
import { Router } from 'express';
import { v7 as uuidv7 } from 'uuid';

import { hashPassword } from '../auth/passwords.js';
import { requireAdmin } from '../auth/principal.js';
import type { ApiContext } from '../context.js';
import { userJson } from '../representations.js';
import { deleteUser, insertUser, listUsers, type Role } from '../sql/users.js';
import { uuidParam } from '../uuid-param.js';

/** User management, for admins only. */
export function userRoutes(ctx: ApiContext): Router {
  const { sql } = ctx;
  const router = Router();

  router.post('/api/v1/users', async (req, res) => {
    requireAdmin(res);
    const body = req.body as { username: string; password: string; role: Role; tenant_id?: string };
    const tenantId = body.tenant_id?.toLowerCase() ?? null;
    if (body.role === 'user' && tenantId === null) throw new ValidationError('a user needs a tenant_id');
    if (body.role === 'admin' && tenantId !== null) {
      throw new ValidationError('an admin acts on every tenant and takes no tenant_id');
    }
    if (tenantId !== null && !(await findActiveTenant(sql, tenantId)))
      throw new NotFoundError('tenant not found');
    const user = await insertUser(sql, {
      id: uuidv7(),
      username: body.username,
      passwordHash: await hashPassword(body.password),
      role: body.role,
      tenantId,
    });
    if (!user) throw new ConflictError(`the username ${JSON.stringify(body.username)} is taken`);
    res.status(201).json(userJson(user));
  });

  router.get('/api/v1/users', async (_req, res) => {
    requireAdmin(res);
    res.json((await listUsers(sql, { includeDemo: ctx.config.auth.demo_users })).map(userJson));
  });

  router.delete('/api/v1/users/:id', async (req, res) => {
    requireAdmin(res);
    if (!(await deleteUser(sql, uuidParam(req)))) throw new NotFoundError('user not found');
    res.status(204).end();
  });

  return router;
}
