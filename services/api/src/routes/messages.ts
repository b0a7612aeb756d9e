import {
  findActiveTenant,
  findMessage,
  listMessages,
  type Message,
  NotFoundError,
  UnavailableError,
} from '@mtm/shared';
import { Router } from 'express';
import { v7 as uuidv7 } from 'uuid';

import { canSeeTenant, confinedTenant } from '../auth/principal.js';
import type { ApiContext } from '../context.js';
import { pageJson, pageParams } from '../pagination.js';
import { checkPayload } from '../payload.js';
import { messageJson } from '../representations.js';
import { uuidParam } from '../uuid-param.js';

export function messageRoutes(ctx: ApiContext): Router {
  const { sql, config, messagePublisher } = ctx;
  const router = Router();

  router.post('/api/v1/messages', async (req, res) => {
    const body = req.body as { id?: string; tenant_id: string; payload: unknown };
    const payload = checkPayload(body.payload, { maxSize: config.messages.max_payload_size });
    const tenantId = body.tenant_id.toLowerCase();
    // Another tenant is answered as a missing one: a user learns nothing of it.
    if (!canSeeTenant(res, tenantId) || !(await findActiveTenant(sql, tenantId))) {
      throw new NotFoundError('tenant not found');
    }
    // Fixed here, before the broker, so a retried message is recognisable downstream;
    // a client that sends its own id can retry across lost answers too.
    const message: Message = {
      id: body.id?.toLowerCase() ?? uuidv7(),
      tenant_id: tenantId,
      payload,
      created_at: new Date(),
    };
    const outcome = await messagePublisher.publish(message);
    if (outcome === 'returned') {
      // No queue took it: the tenant was deleted meanwhile, or its queue is missing.
      if (!(await findActiveTenant(sql, message.tenant_id))) throw new NotFoundError('tenant not found');
      ctx.logger.warn('an active tenant has no queue; its supervisor should redeclare it', {
        tenant_id: message.tenant_id,
      });
      throw new UnavailableError('the tenant queue did not accept the message');
    }
    res.status(201).json(messageJson(message));
  });

  router.get('/api/v1/messages', async (req, res) => {
    const params = pageParams(req.query);
    res.json(pageJson(await listMessages(sql, { ...params, tenantId: confinedTenant(res) })));
  });

  router.get('/api/v1/messages/:id', async (req, res) => {
    const message = await findMessage(sql, uuidParam(req));
    if (!message || !canSeeTenant(res, message.tenant_id)) throw new NotFoundError('message not found');
    res.json(messageJson(message));
  });

  router.get('/api/v1/tenants/:id/messages', async (req, res) => {
    const params = pageParams(req.query);
    const tenantId = uuidParam(req);
    if (!canSeeTenant(res, tenantId) || !(await findActiveTenant(sql, tenantId))) {
      throw new NotFoundError('tenant not found');
    }
    res.json(pageJson(await listMessages(sql, { ...params, tenantId })));
  });

  return router;
}
