import { type Kysely, sql } from 'kysely';
import { withDefaults } from '../../../shared/dictionaries.js';
import type { DbSchema } from '../../db/database.js';
import { parseJsonObject } from '../../core/json.js';

export const STAGE_DICTIONARY = 'opportunity-stage';

export interface Stage { id: number; probability: number; outcome: 'open' | 'won' | 'lost' }

const toStage = (r: { id: number; attributes: unknown }): Stage => {
  const a = withDefaults(STAGE_DICTIONARY, parseJsonObject(r.attributes));
  const outcome = a.outcome === 'won' || a.outcome === 'lost' ? a.outcome : 'open';
  return { id: Number(r.id), probability: typeof a.probability === 'number' ? a.probability : 0, outcome };
};

/** A stage's probability and outcome (its dictionary attributes). */
export async function stageOf(executor: Kysely<DbSchema>, id: number): Promise<Stage | null> {
  const { rows } = await sql<{ id: number; attributes: unknown }>`SELECT id, attributes FROM dictionary_values WHERE id = ${id} AND dictionary_key = ${STAGE_DICTIONARY}`.execute(executor);
  return rows[0] ? toStage(rows[0]) : null;
}
