/**
 * Capability tokens. Each token grants one role on one board. A token is 32 random bytes
 * (base64url); the board record keeps only its SHA-256, so a leaked database grants nothing.
 * Comparisons hash the presented token and compare digests in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '@truenorth/shared';

export const ROLES: readonly Role[] = ['facilitator', 'participant', 'observer'];

/** Longest token we bother hashing; anything longer is not ours. */
const MAX_TOKEN_LENGTH = 512;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function digestEquals(token: string, hashHex: string): boolean {
  const expected = Buffer.from(hashHex, 'hex');
  const actual = createHash('sha256').update(token, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface IssuedTokens {
  tokens: Record<Role, string>;
  hashes: Record<Role, string>;
}

export function issueTokens(): IssuedTokens {
  const tokens = { facilitator: newToken(), participant: newToken(), observer: newToken() };
  return {
    tokens,
    hashes: {
      facilitator: hashToken(tokens.facilitator),
      participant: hashToken(tokens.participant),
      observer: hashToken(tokens.observer),
    },
  };
}

/** The role this token grants on a board with these hashes, or null. Checks every role (no early exit). */
export function roleForToken(token: string, hashes: Readonly<Record<Role, string>>): Role | null {
  let found: Role | null = null;
  for (const role of ROLES) {
    if (digestEquals(token, hashes[role])) found = role;
  }
  return found;
}

/** Whether `token` is the deployment's service token (constant time, any lengths). */
export function isServiceToken(token: string, serviceToken: string | undefined): boolean {
  if (!serviceToken) return false;
  return digestEquals(token, hashToken(serviceToken));
}

export type PresentedToken =
  | { kind: 'none' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'token'; token: string };

/**
 * The token from `Authorization: Bearer …` or `?token=…` (header wins). Both values come from
 * outside, so anything unexpected (another scheme, repeated parameters, absurd length) is malformed.
 */
export function presentedToken(authorization: unknown, queryToken: unknown): PresentedToken {
  if (authorization !== undefined) {
    if (typeof authorization !== 'string') return { kind: 'malformed', reason: 'bad Authorization header' };
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) return { kind: 'malformed', reason: 'expected "Authorization: Bearer <token>"' };
    return checkLength(match[1]);
  }
  if (queryToken === undefined) return { kind: 'none' };
  if (typeof queryToken !== 'string') return { kind: 'malformed', reason: 'token must appear once' };
  if (queryToken === '') return { kind: 'none' };
  return checkLength(queryToken);
}

function checkLength(token: string): PresentedToken {
  return token.length > MAX_TOKEN_LENGTH
    ? { kind: 'malformed', reason: 'token too long' }
    : { kind: 'token', token };
}
