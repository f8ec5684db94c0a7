/**
 * What the browser remembers between visits: the display name and, per board, the link's token.
 * localStorage is outside this process's control (other tabs, old versions, extensions), so every
 * read is parsed; anything that fails is treated as absent.
 */
import { BoardId, Role } from '@truenorth/shared';
import { z } from 'zod';

const NAME_KEY = 'truenorth:name';
const BOARDS_KEY = 'truenorth:boards';

export const DisplayName = z.string().trim().min(1).max(64);

const RememberedBoard = z.object({
  token: z.string().min(1).max(512),
  title: z.string().max(200).catch('Untitled board').default('Untitled board'),
  role: Role.nullable().catch(null).default(null),
  openedAt: z.number().finite().catch(0).default(0),
  /**
   * The role links this browser knows: all three where the board was created, the ones a
   * facilitator replaced (Share) elsewhere.
   */
  links: z
    .object({
      facilitator: z.string().min(1).optional(),
      participant: z.string().min(1).optional(),
      observer: z.string().min(1).optional(),
    })
    .nullable()
    .catch(null)
    .default(null),
});
export type RememberedBoard = z.infer<typeof RememberedBoard>;

const RememberedBoards = z.record(BoardId, z.unknown());

function read(key: string): unknown {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw == null ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the app works, it just forgets.
  }
}

export function getDisplayName(): string | null {
  const parsed = DisplayName.safeParse(read(NAME_KEY));
  return parsed.success ? parsed.data : null;
}

export function setDisplayName(name: string): void {
  const parsed = DisplayName.safeParse(name);
  if (parsed.success) write(NAME_KEY, parsed.data);
}

/** Every remembered board that still parses, newest first. */
export function rememberedBoards(): (RememberedBoard & { id: string })[] {
  const all = RememberedBoards.safeParse(read(BOARDS_KEY));
  if (!all.success) return [];
  const out: (RememberedBoard & { id: string })[] = [];
  for (const [id, value] of Object.entries(all.data)) {
    const board = RememberedBoard.safeParse(value);
    if (board.success) out.push({ ...board.data, id });
  }
  return out.sort((a, b) => b.openedAt - a.openedAt);
}

export function rememberedBoard(id: string): RememberedBoard | null {
  return rememberedBoards().find((b) => b.id === id) ?? null;
}

export function rememberBoard(id: string, patch: Partial<RememberedBoard> & { token: string }): void {
  const all = RememberedBoards.safeParse(read(BOARDS_KEY));
  const boards: Record<string, unknown> = all.success ? { ...all.data } : {};
  const prev = RememberedBoard.safeParse(boards[id]);
  boards[id] = { ...(prev.success ? prev.data : {}), ...patch, openedAt: Date.now() };
  write(BOARDS_KEY, boards);
}

export function forgetBoard(id: string): void {
  const all = RememberedBoards.safeParse(read(BOARDS_KEY));
  if (!all.success) return;
  const boards: Record<string, unknown> = { ...all.data };
  delete boards[id];
  write(BOARDS_KEY, boards);
}
