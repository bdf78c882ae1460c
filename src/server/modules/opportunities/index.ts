import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { registerDictionaryHooks } from '../../core/dictionary-usage.js';
import { registerHooks } from '../../core/hooks.js';
import { registerOpenApiPaths } from '../../core/openapi.js';
import { registerConvertRoute } from './convert.js';
import { OPPORTUNITY_PATHS } from './openapi.js';
import { opportunityStageHooks, stageDictionaryHooks } from './stage-rules.js';
import { STAGE_DICTIONARY } from './stages.js';
import { opportunityEntity } from '../../../shared/entities/opportunity.entity.js';

/** Sales opportunities (M8.a–M8.d): stage rules, Convert to sale. Lines, the stage history, lists and exports are generic. */
export function registerOpportunities(app: FastifyInstance, db: Database): void {
  registerHooks(opportunityEntity, opportunityStageHooks);
  registerDictionaryHooks(STAGE_DICTIONARY, stageDictionaryHooks);
  registerConvertRoute(app, db);
  registerOpenApiPaths(OPPORTUNITY_PATHS);
}
