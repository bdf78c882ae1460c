import type { FastifyInstance } from 'fastify';
import { registerComputed } from '../../core/computed.js';
import { registerOpenApiPaths } from '../../core/openapi.js';
import type { Database } from '../../db/database.js';
import { memberCounts } from './member-count.js';
import { GROUP_MEMBER_PATHS } from './openapi.js';
import { registerGroupMemberRoutes } from './routes.js';

/** Customer groups (M3): member counts and the members API; the group records themselves are generic. */
export function registerCustomerGroups(app: FastifyInstance, db: Database): void {
  registerComputed('customerGroup', 'memberCount', memberCounts);
  registerGroupMemberRoutes(app, db);
  registerOpenApiPaths(GROUP_MEMBER_PATHS);
}
