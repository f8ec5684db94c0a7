/**
 * Creating a board is issuing its tokens: the record keeps the hashes, the caller gets the tokens
 * once and never again (rotation issues new ones).
 */
import { type BoardTemplate, newId, type Role } from '@truenorth/shared';
import type { BoardRecord, Storage } from '../storage/types.js';
import { issueTokens } from './tokens.js';

export const DEFAULT_TITLE = 'Untitled board';

export interface NewBoard {
  id?: string;
  title?: string;
  template?: BoardTemplate;
}

export async function createBoard(
  storage: Storage,
  input: NewBoard,
): Promise<{ board: BoardRecord; tokens: Record<Role, string> }> {
  const { tokens, hashes } = issueTokens();
  const board: BoardRecord = {
    id: input.id ?? newId(),
    title: input.title ?? DEFAULT_TITLE,
    template: input.template ?? 'blank',
    createdAt: new Date().toISOString(),
    tokenHashes: hashes,
  };
  await storage.createBoard(board);
  return { board, tokens };
}

/**
 * The board with this id, created (with tokens nobody holds) when missing. Used for the service
 * token; two first uses at once both end with the one stored record.
 */
export async function getOrCreateBoard(storage: Storage, id: string): Promise<BoardRecord> {
  const existing = await storage.getBoard(id);
  if (existing) return existing;
  try {
    return (await createBoard(storage, { id })).board;
  } catch (error) {
    const raced = await storage.getBoard(id);
    if (raced) return raced;
    throw error;
  }
}
