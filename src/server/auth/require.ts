import type { FastifyRequest } from 'fastify';
import type { SpecialRight } from '../../shared/access.js';
import { ProblemError } from '../core/errors.js';
import type { Actor } from './actor.js';
import { actorOf } from './request-context.js';

/** The request's actor, who must hold a special right (users, audit log, settings…); 403 otherwise, before anything runs. */
export function requireRight(req: FastifyRequest, right: SpecialRight): Actor {
  const actor = actorOf(req);
  if (!actor.access.permissions.special.includes(right)) throw new ProblemError(403, 'Forbidden', `Your role does not include the "${right}" right.`);
  return actor;
}
