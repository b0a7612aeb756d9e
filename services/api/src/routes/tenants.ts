import {
  ControlRoutingKey,
  findActiveTenant,
  listActiveTenants,
  markTenantDeleting,
  NotFoundError,
  tenantQueueName,
  UnavailableError,
  updateTenantWorkers,
  withTimeout,
} from '@mtm/shared';
import { Router } from 'express';

import { canSeeTenant, confinedTenant, requireAdmin } from '../auth/principal.js';
import type { ApiContext } from '../context.js';
import { readQueueStats } from '../queue-stats.js';
import { tenantJson } from '../representations.js';
import { tenantOwners } from '../tenant-owners.js';
import { provisionTenant } from '../tenant-provisioning.js';
import { uuidParam } from '../uuid-param.js';

// Bodies and ids arrive already checked against openapi.yaml by the validator.

export function tenantRoutes(ctx: ApiContext): Router {
  const { sql, amqp, config, controlPublisher } = ctx;
  const router = Router();

  router.post('/api/v1/tenants', async (req, res) => {
    requireAdmin(res);
    const body = req.body as { name: string; workers?: number };
    const tenant = await provisionTenant(
      { sql, amqp, deliveryLimit: config.rabbitmq.delivery_limit, brokerTimeout: ctx.brokerTimeout },
      { name: body.name, workers: body.workers ?? config.workers },
    );
    await controlPublisher.publish(ControlRoutingKey.created, tenant.id);
    res.status(201).json(tenantJson(tenant));
  });

  router.get('/api/v1/tenants', async (_req, res) => {
    const tenants = await listActiveTenants(sql);
    // A user sees its own tenant only: the list holds it, or nothing once it is deleted.
    const confined = confinedTenant(res);
    const visible = confined === undefined ? tenants : tenants.filter((tenant) => tenant.id === confined);
    res.json(visible.map(tenantJson));
  });

  // Registered before /:id, which would otherwise take "stats" for an id.
  router.get('/api/v1/tenants/stats', async (_req, res) => {
    requireAdmin(res);
    const tenants = await listActiveTenants(sql);
    const owners = await tenantOwners(sql);
    const stats = await withTimeout(
      (async () => {
        const entries = [];
        // One at a time: a queue that vanished closes the shared channel, which
        // would fail every declare in flight on it.
        for (const tenant of tenants) {
          const queueName = tenantQueueName(tenant.id);
          const queue = await readQueueStats(amqp, queueName);
          entries.push([
            tenant.id,
            {
              tenant_id: tenant.id,
              name: tenant.name,
              queue_name: queueName,
              workers: tenant.workers,
              queue_depth: queue?.messageCount ?? null,
              consumers: queue?.consumerCount ?? null,
              owner: owners.get(tenant.id) ?? null,
              // The queue has a single active consumer: one means a pool consumes it.
              pool_running: queue === undefined ? null : queue.consumerCount > 0,
            },
          ] as const);
        }
        return Object.fromEntries(entries);
      })(),
      ctx.brokerTimeout,
      'reading queue statistics',
    ).catch((error: unknown) => {
      throw new UnavailableError('message broker unavailable', error);
    });
    res.json(stats);
  });

  router.get('/api/v1/tenants/:id', async (req, res) => {
    const id = uuidParam(req);
    const tenant = canSeeTenant(res, id) ? await findActiveTenant(sql, id) : undefined;
    if (!tenant) throw new NotFoundError('tenant not found');
    res.json(tenantJson(tenant));
  });

  router.delete('/api/v1/tenants/:id', async (req, res) => {
    requireAdmin(res);
    const id = uuidParam(req);
    // The owning supervisor tears down the pool, queues and partition.
    if (!(await markTenantDeleting(sql, id))) throw new NotFoundError('tenant not found');
    await controlPublisher.publish(ControlRoutingKey.deleted, id);
    res.status(204).end();
  });

  router.put('/api/v1/tenants/:id/config/concurrency', async (req, res) => {
    requireAdmin(res);
    const { workers } = req.body as { workers: number };
    const tenant = await updateTenantWorkers(sql, uuidParam(req), workers);
    if (!tenant) throw new NotFoundError('tenant not found');
    await controlPublisher.publish(ControlRoutingKey.concurrencyUpdated, tenant.id);
    res.json(tenantJson(tenant));
  });

  return router;
}
