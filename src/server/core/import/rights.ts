import { ENTITIES } from '../../../shared/entities/registry.js';
import type { EntityDef } from '../../../shared/entity/define.js';
import { scopeOf } from '../../auth/access.js';
import type { Actor } from '../../auth/actor.js';
import { ProblemError } from '../errors.js';

export function mayImport(entity: EntityDef, actor: Actor): void {
  if (scopeOf(actor.access, entity, 'import') === 'none') throw new ProblemError(403, 'Forbidden', `Your role does not let you import ${entity.path}.`);
}

/** Refuses a role that may import nothing (a Viewer) before it learns whether a job or template exists. */
export function mayImportSomething(actor: Actor): void {
  if (!ENTITIES.some((e) => scopeOf(actor.access, e, 'import') !== 'none')) throw new ProblemError(403, 'Forbidden', 'Your role does not let you import anything.');
}
