/**
 * Snapshots: named copies of a board's document. Taking and restoring go through the relay (it
 * holds the live document; a restore is a new change every client receives); listing and reading
 * are storage reads.
 */
import {
  CreateSnapshotBody,
  readBoard,
  SnapshotContent,
  SnapshotId,
  SnapshotInfo,
  type SnapshotInfo as SnapshotInfoType,
} from '@truenorth/shared';
import type { FastifyPluginAsync } from 'fastify';
import * as Y from 'yjs';
import { z } from 'zod';
import { parseInput, SnapshotNotFound, SnapshotUnreadable } from '../errors.js';
import type { BoardAccess } from '../plugins/auth.js';
import { accessOf } from '../plugins/auth.js';
import type { SnapshotMeta, SnapshotRecord } from '../storage/types.js';
import { responseSchema } from './schemas.js';

const infoOf = (s: SnapshotMeta): SnapshotInfoType => ({
  id: s.id,
  boardId: s.boardId,
  name: s.name,
  kind: s.kind,
  createdAt: s.createdAt,
  createdBy: s.createdBy,
  size: s.size,
  restoreOf: s.restoreOf ?? null,
});

const metaOf = (s: SnapshotRecord): SnapshotMeta => {
  const { update, ...rest } = s;
  return { ...rest, size: update.byteLength };
};

/** Who is recorded as the author of a snapshot or restore. */
const actorOf = (access: BoardAccess) => (access.via === 'service' ? 'service' : access.role);

const snapshots: FastifyPluginAsync = async (app) => {
  const anyRole = app.authorize();
  const facilitator = app.authorize({ roles: ['facilitator'] });

  async function findSnapshot(boardId: string, rawId: unknown): Promise<SnapshotRecord> {
    const id = parseInput(SnapshotId, rawId, 'snapshot id');
    const snapshot = await app.storage.getSnapshot(boardId, id);
    if (!snapshot) throw new SnapshotNotFound();
    return snapshot;
  }
  const sidOf = (params: unknown) => (params as { sid?: unknown }).sid;

  app.post(
    '/api/boards/:id/snapshots',
    { onRequest: facilitator, schema: { response: { 201: responseSchema(SnapshotInfo) } } },
    async (request, reply) => {
      const access = accessOf(request);
      const { name } = parseInput(CreateSnapshotBody, request.body ?? {}, 'snapshot');
      const meta = await app.relay.snapshot(access.board.id, name, 'manual', actorOf(access));
      return reply.status(201).send(infoOf(meta));
    },
  );

  app.get(
    '/api/boards/:id/snapshots',
    { onRequest: anyRole, schema: { response: { 200: responseSchema(z.array(SnapshotInfo)) } } },
    async (request) => (await app.storage.listSnapshots(accessOf(request).board.id)).map(infoOf),
  );

  app.get(
    '/api/boards/:id/snapshots/:sid',
    { onRequest: anyRole, schema: { response: { 200: responseSchema(SnapshotContent) } } },
    async (request) => {
      const snapshot = await findSnapshot(accessOf(request).board.id, sidOf(request.params));
      const doc = new Y.Doc();
      try {
        // Stored bytes are outside data: a corrupt snapshot is an error answer, not a crash.
        Y.applyUpdate(doc, snapshot.update);
        const { elements } = readBoard(doc);
        return { info: infoOf(metaOf(snapshot)), elements } satisfies SnapshotContent;
      } catch (error) {
        request.log.error({ err: error, snapshotId: snapshot.id }, 'unreadable snapshot');
        throw new SnapshotUnreadable();
      } finally {
        doc.destroy();
      }
    },
  );

  app.get('/api/boards/:id/snapshots/:sid/update', { onRequest: anyRole }, async (request, reply) => {
    const snapshot = await findSnapshot(accessOf(request).board.id, sidOf(request.params));
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename="${snapshot.id}.yjs"`)
      .send(Buffer.from(snapshot.update.buffer, snapshot.update.byteOffset, snapshot.update.byteLength));
  });

  app.post(
    '/api/boards/:id/snapshots/:sid/restore',
    {
      onRequest: facilitator,
      schema: {
        response: {
          200: responseSchema(
            z.object({
              restored: SnapshotInfo,
              restorePoint: SnapshotInfo,
              mode: z.enum(['replace', 'undo']),
            }),
          ),
        },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const snapshot = await findSnapshot(access.board.id, sidOf(request.params));
      const { restorePoint, mode } = await app.relay.restore(access.board.id, snapshot.id, actorOf(access));
      request.log.info({ boardId: access.board.id, snapshotId: snapshot.id, mode }, 'snapshot restored');
      // restorePoint: the board just before, so an unwanted restore can itself be undone (mode
      // `undo` when this was such a point: what people did since the restore is kept).
      return { restored: infoOf(metaOf(snapshot)), restorePoint: infoOf(restorePoint), mode };
    },
  );
};

export default snapshots;
