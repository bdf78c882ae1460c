import { fullAccess, type Access } from './access.js';

export type ActorKind = 'user' | 'token' | 'system' | 'import';

/**
 * Who acts in a request or a job, and under which rules: every read and write takes one
 * (DESIGN.md §9, "request context"). The audit trail records kind, user, token and request id.
 */
export interface Actor {
  readonly kind: ActorKind;
  readonly userId: number;
  readonly tokenId: number | null;
  readonly requestId: string | null;
  readonly access: Access;
}

/** A job of the server itself (a seed, a rule that follows a setting): every right, recorded as "system". */
export function systemActor(userId = 1, kind: ActorKind = 'system'): Actor {
  return { kind, userId, tokenId: null, requestId: null, access: fullAccess(userId) };
}
