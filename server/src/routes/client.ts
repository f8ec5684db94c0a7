/**
 * The built client (Vite output in client/dist). Hashed assets are cached for good; index.html is
 * always revalidated so a deploy is picked up. Board pages (`/b/:id`) are the same single-page app.
 * Without a build, `/` and `/b/:id` explain how to make one instead of answering 404, and
 * @fastify/static (about 0.5 MiB of heap in the bundle, its glob left to load on first use) is
 * never loaded.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

const NO_BUILD_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Truenorth</title></head>
<body><h1>Truenorth server is running</h1>
<p>The web client is not built yet: run <code>npm run build</code> (or <code>npm start</code>), then reload.</p>
</body></html>`;

const client: FastifyPluginAsync<{ dist: string }> = async (app, { dist }) => {
  if (!existsSync(path.join(dist, 'index.html'))) {
    app.log.warn({ dist }, 'client build missing; serving a placeholder page');
    const placeholder = async (_request: unknown, reply: FastifyReply) =>
      reply.type('text/html; charset=utf-8').send(NO_BUILD_PAGE);
    app.get('/', placeholder);
    app.get('/b/:id', placeholder);
    return;
  }

  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, {
    root: dist,
    cacheControl: false,
    setHeaders: (reply, file) => {
      const immutable = file.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/b/:id', async (_request, reply) => reply.sendFile('index.html'));
};

export default client;
