import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { registerHooks } from '../../core/hooks.js';
import { registerOpenApiPaths } from '../../core/openapi.js';
import { CONTACT_PATHS } from './openapi.js';
import { primaryContactHooks } from './primary.js';
import { contactMergeHooks } from './merge.js';
import { registerMakePrimaryRoute } from './routes.js';
import { registerVCard } from './vcard/index.js';
import { contactEntity } from '../../../shared/entities/contact.entity.js';
import { customerEntity } from '../../../shared/entities/customer.entity.js';

/** Contacts (M4, M5): the primary-contact rule, "Make primary", and vCard export/import. */
export function registerContacts(app: FastifyInstance, db: Database): void {
  registerHooks(contactEntity, primaryContactHooks);
  registerHooks(customerEntity, contactMergeHooks);
  registerMakePrimaryRoute(app, db);
  registerVCard(app, db);
  registerOpenApiPaths(CONTACT_PATHS);
}
