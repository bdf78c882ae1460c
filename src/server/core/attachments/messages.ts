import { translate } from '../i18n.js';
import type { Locale } from '../list-params.js';
import { ProblemError } from '../errors.js';
import { formatBytes } from '../../../shared/file-size.js';
import { MAX_FILES, type Refusal } from './receive.js';

const fill = (text: string, vars: Record<string, string>) => text.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => vars[k] ?? m);

/** Why one file was refused, in the request's language (the web shows it beside the file). */
function refusalMessage(r: Refusal, locale: Locale, maxBytes: number): string {
  const name = r.fileName;
  if (r.kind === 'tooLarge') return fill(translate(locale, 'attachments.error.tooLarge', '{{name}} is larger than {{limit}}'), { name, limit: formatBytes(maxBytes) });
  if (r.kind === 'empty') return fill(translate(locale, 'attachments.error.empty', '{{name}} is empty'), { name });
  return fill(translate(locale, 'attachments.error.type', '{{name}} is not a type of file that can be attached'), { name });
}

/** One answer for every refused file: 413 if any is too large, else 415 if any has a refused type, else 400. Nothing was stored. */
export function refusedProblem(refusals: readonly Refusal[], locale: Locale, maxBytes: number): ProblemError {
  const status = refusals.some((r) => r.kind === 'tooLarge') ? 413 : refusals.some((r) => r.kind === 'type') ? 415 : 400;
  const title = status === 413 ? 'Payload Too Large' : status === 415 ? 'Unsupported Media Type' : 'Bad Request';
  const errors = refusals.map((r) => ({ field: 'files', message: refusalMessage(r, locale, maxBytes) }));
  const nothing = translate(locale, 'attachments.error.nothingStored', 'Nothing was stored.');
  return new ProblemError(status, title, `${errors.map((e) => e.message).join('; ')}. ${nothing}`, errors);
}

export function noFilesProblem(locale: Locale): ProblemError {
  const message = translate(locale, 'attachments.error.noFiles', 'Choose one or more files to upload');
  return new ProblemError(400, 'Bad Request', `${message} (multipart/form-data, field "files")`, [{ field: 'files', message }]);
}

export function tooManyProblem(locale: Locale): ProblemError {
  const message = fill(translate(locale, 'attachments.error.tooMany', 'At most {{max}} files can be uploaded at a time'), { max: String(MAX_FILES) });
  return new ProblemError(413, 'Payload Too Large', message, [{ field: 'files', message }]);
}
