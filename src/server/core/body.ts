import type { z } from 'zod';
import { fieldIssues } from '../../shared/entity/schema.js';
import { invalid } from './errors.js';

/** A request body checked against its schema: the value, or a 400 naming each field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw invalid(fieldIssues(parsed.error));
  return parsed.data;
}
