/**
 * A tiny HTML builder whose interpolations are escaped unless they are already `Html`: a customer
 * named `<script>` prints as text. Only `trustedHtml` (the server-made chart SVG) skips escaping.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string { return this.value; }
}

export type HtmlPart = Html | string | number | null | undefined | false | readonly HtmlPart[];

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

function part(p: HtmlPart): string {
  if (p === null || p === undefined || p === false) return '';
  if (p instanceof Html) return p.value;
  if (Array.isArray(p)) return p.map(part).join('');
  return escapeHtml(String(p));
}

export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): Html {
  let out = strings[0];
  values.forEach((v, i) => { out += part(v) + strings[i + 1]; });
  return new Html(out);
}

/** Markup made by the server itself (never from a user's text), inserted as is. */
export const trustedHtml = (markup: string): Html => new Html(markup);

/** Text with line breaks kept: each line escaped, joined by <br>. */
export const lines = (text: string): Html => new Html(text.split('\n').map(escapeHtml).join('<br>'));
