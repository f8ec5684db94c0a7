import { z } from 'zod';

export const Role = z.enum(['facilitator', 'participant', 'observer']);
export type Role = z.infer<typeof Role>;

/** What each role may do. The server enforces these; the client only hides what is not allowed. */
export const permissions = {
  facilitator: { editBoard: true, runWorkshop: true },
  participant: { editBoard: true, runWorkshop: false },
  observer: { editBoard: false, runWorkshop: false },
} as const satisfies Record<Role, { editBoard: boolean; runWorkshop: boolean }>;

export function canEdit(role: Role): boolean {
  return permissions[role].editBoard;
}
