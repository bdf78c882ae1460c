import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { registerDictionaryHooks, registerDictionaryUsage } from '../../core/dictionary-usage.js';
import { registerHooks } from '../../core/hooks.js';
import { registerOpenApiPaths } from '../../core/openapi.js';
import { registerConvertRoute } from './convert.js';
import { OPPORTUNITY_PATHS } from './openapi.js';
import { registerStageHistoryRoute } from './stage-history.js';
import { opportunityStageHooks, stageDictionaryHooks } from './stage-rules.js';
import { STAGE_DICTIONARY } from './stages.js';

/** Sales opportunities (M8.a–M8.d): stage rules and history, Convert to sale. Lines, lists and exports are generic. */
export function registerOpportunities(app: FastifyInstance, db: Database): void {
  registerHooks('opportunity', opportunityStageHooks);
  registerDictionaryHooks(STAGE_DICTIONARY, stageDictionaryHooks);
  registerDictionaryUsage(STAGE_DICTIONARY, { table: 'opportunity_stage_history', column: 'from_stage_id' });
  registerDictionaryUsage(STAGE_DICTIONARY, { table: 'opportunity_stage_history', column: 'to_stage_id' });
  registerStageHistoryRoute(app, db);
  registerConvertRoute(app, db);
  registerOpenApiPaths(OPPORTUNITY_PATHS);
}
