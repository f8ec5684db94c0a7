/**
 * Operations: `/healthz` (the process answers, storage is reachable, Redis fan-out state) and `/metrics`
 * (Prometheus text from the relay's registry, plus HTTP request counts).
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { StorageUnavailable } from '../errors.js';
import { Counter } from '../metrics.js';
import { responseSchema } from './schemas.js';

const Health = z.object({
  status: z.literal('ok'),
  storage: z.string(),
  uptimeSeconds: z.number(),
  /** Cross-node fan-out: `off` without REDIS_URL; `down` does not fail the check (local clients are served). */
  fanout: z.object({ redis: z.enum(['up', 'down', 'off']) }),
});

/** A board id that cannot exist (ids never contain dots): reading it exercises the storage. */
const PROBE_ID = 'healthz.probe';

const operations: FastifyPluginAsync = async (app) => {
  const { metrics, storage, fanout } = app;

  app.get(
    '/healthz',
    { schema: { response: { 200: responseSchema(Health) } }, logLevel: 'warn' },
    async (request) => {
      try {
        await storage.getBoard(PROBE_ID);
      } catch (error) {
        request.log.error({ err: error }, 'health check: storage unreachable');
        throw new StorageUnavailable();
      }
      return {
        status: 'ok' as const,
        storage: storage.kind,
        uptimeSeconds: Math.round(process.uptime()),
        fanout: { redis: fanout.status() },
      };
    },
  );

  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
};

/** Counts every HTTP answer by method, route template and status (fastify-plugin'd in app.ts). */
export async function countRequests(app: import('fastify').FastifyInstance): Promise<void> {
  const requests = new Counter(app.metrics.registry, {
    name: 'truenorth_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
  });
  app.addHook('onResponse', async (request, reply) => {
    requests.inc({
      method: request.method,
      // The route template, never the raw URL (tokens, unbounded label values).
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    });
  });
}

export default operations;
