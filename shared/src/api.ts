/** HTTP API bodies and answers, shared by the server's routes and the client. */
import { z } from 'zod';
import { ExerciseKind } from './exercises.js';
import { Role } from './roles.js';

export const BoardId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a board id is 1–64 letters, digits, "-" or "_"');
export type BoardId = z.infer<typeof BoardId>;

export const SnapshotId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a snapshot id is 1–64 letters, digits, "-" or "_"');
export type SnapshotId = z.infer<typeof SnapshotId>;

export const BoardTemplate = z.union([z.literal('workshop'), z.literal('blank'), ExerciseKind]);
export type BoardTemplate = z.infer<typeof BoardTemplate>;

/** A board's title, as given on creation or a rename: trimmed, 1–200 characters. */
export const BoardTitle = z.string().trim().min(1).max(200);

export const CreateBoardBody = z
  .object({
    title: BoardTitle.optional(),
    template: BoardTemplate.optional(),
  })
  .strict();
export type CreateBoardBody = z.infer<typeof CreateBoardBody>;

/** `PATCH /api/boards/:id` (facilitator): the same title rules as creation. */
export const RenameBoardBody = z.object({ title: BoardTitle }).strict();
export type RenameBoardBody = z.infer<typeof RenameBoardBody>;

const ByRole = <T extends z.ZodType>(t: T) => z.object({ facilitator: t, participant: t, observer: t });

export const BoardCreated = z.object({
  id: BoardId,
  title: z.string(),
  tokens: ByRole(z.string()),
  links: ByRole(z.string()),
});
export type BoardCreated = z.infer<typeof BoardCreated>;

export const BoardMeta = z.object({
  id: BoardId,
  title: z.string(),
  template: BoardTemplate,
  createdAt: z.string(),
  role: Role,
});
export type BoardMeta = z.infer<typeof BoardMeta>;

export const CreateSnapshotBody = z.object({ name: z.string().trim().min(1).max(200) }).strict();

export const SnapshotInfo = z.object({
  id: z.string(),
  boardId: BoardId,
  name: z.string(),
  kind: z.enum(['manual', 'periodic', 'agenda', 'restore-point']),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  size: z.number().int().nonnegative(),
  /**
   * On a restore point: the snapshot restored right after it was taken. Restoring such a point
   * undoes that restore, keeping what people did since (absent from older servers and points).
   */
  restoreOf: z.string().nullable().optional(),
});
export type SnapshotInfo = z.infer<typeof SnapshotInfo>;

/**
 * The codes of HTTP errors (`ApiError.code`) that clients tell apart. A closed WebSocket's refusal
 * is named in the same form (`errorCodeOfClose`).
 */
export const ErrorCode = {
  badRequest: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  boardNotFound: 'BOARD_NOT_FOUND',
  notFound: 'NOT_FOUND',
  rateLimited: 'RATE_LIMITED',
  roomFull: 'ROOM_FULL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every HTTP error answers with this body (Fastify's error shape) and a matching status. */
export const ApiError = z.object({
  statusCode: z.number().int(),
  /** Stable machine-readable code, e.g. `BAD_REQUEST`, `UNAUTHORIZED`, `FORBIDDEN`. */
  code: z.string(),
  /** The HTTP reason phrase. */
  error: z.string(),
  /** A human-readable explanation. */
  message: z.string(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Roles whose token a facilitator may rotate (`POST /api/boards/:id/tokens/:role/rotate`). */
export const RotatableRole = z.enum(['participant', 'observer']);
export type RotatableRole = z.infer<typeof RotatableRole>;

/** Answer to a rotation: the new token and link; the old ones stopped working. */
export const RotatedToken = z.object({
  role: RotatableRole,
  token: z.string(),
  link: z.string(),
  /**
   * How many open connections (windows) on the old link the answering node closed, so the
   * facilitator knows whom the replacement cut off. Absent from older servers.
   */
  disconnected: z.number().int().nonnegative().optional(),
  /**
   * Other nodes (several behind a balancer, with Redis) close their own connections on the old
   * link, not counted in `disconnected`: it is then a lower bound.
   */
  otherNodes: z.boolean().optional(),
});
export type RotatedToken = z.infer<typeof RotatedToken>;

/**
 * `GET /api/boards/:id/snapshots/:sid`: the snapshot and its elements as JSON. Elements were
 * parsed by the server, but a reader still parses them (`parseElement`) before use.
 */
export const SnapshotContent = z.object({
  info: SnapshotInfo,
  elements: z.array(z.record(z.string(), z.unknown())),
});
export type SnapshotContent = z.infer<typeof SnapshotContent>;
