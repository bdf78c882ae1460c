import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { EntityDef } from '../../../shared/entity/define.js';
import { createSchema, updateSchema } from '../../../shared/entity/schema.js';
import type { FieldProblem } from '../api.js';

export type FieldErrors = Record<string, string>;

/** Same zod schemas as the server, so the browser refuses what the server would refuse. */
export function validatePayload(entity: EntityDef, payload: Record<string, unknown>, mode: 'create' | 'update', t: TFunction): FieldErrors {
  const schema = mode === 'create' ? createSchema(entity) : updateSchema(entity);
  const result = schema.safeParse(mode === 'update' ? { ...payload, version: 0 } : payload);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    // Parts of a field keep their path (`lines.1.quantity`), so the line editor can show each.
    const field = issue.path.map(String).join('.');
    if (!field || errors[field]) continue;
    errors[field] = translateIssue(issue, t);
  }
  return errors;
}

function translateIssue(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return t('validation.required');
      return t('validation.tooSmall', { min: String(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.tooLong', { max: String(issue.maximum) });
      return t('validation.tooBig', { max: String(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'date' || issue.format === 'datetime') return t('validation.date');
      return t('validation.invalid');
    case 'invalid_type':
      return issue.expected === 'number' ? t('validation.number') : t('validation.required');
    case 'custom':
      return t('validation.url');
    default:
      return issue.message;
  }
}

/** Server messages are English phrases ("is required"); show ours when we know the phrase. */
export function serverErrors(problems: FieldProblem[], t: TFunction): FieldErrors {
  const known: Record<string, string> = {
    'is required': 'validation.required',
    'is not valid': 'validation.invalid',
    'is already used by another record': 'validation.duplicate',
  };
  const errors: FieldErrors = {};
  for (const p of problems) {
    const key = known[p.message];
    errors[p.field] = key ? t(key) : p.message;
  }
  return errors;
}

/** "Name is required": a message that names the field, for places without a label beside it. */
export function namedError(label: string, message: string, t: TFunction): string {
  return t('edit.fieldError', { field: label, message });
}
