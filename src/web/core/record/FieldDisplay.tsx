import { Anchor, Text } from '@mantine/core';
import type { FieldDef } from '../../../shared/entity/field.js';
import { safeHref } from '../fields/useFormatter.js';

/** A value on the information page: text always as text; only http(s)/mailto/tel become links. */
export function FieldDisplay({ def, text }: { def: FieldDef; text: string }) {
  if (!text) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const href = safeHref(def.kind, text);
  if (href) {
    const external = /^https?:/i.test(href);
    return (
      <Anchor size="sm" href={href} target={external ? '_blank' : undefined} rel={external ? 'noopener noreferrer nofollow' : undefined}>
        {text}
      </Anchor>
    );
  }
  return (
    <Text size="sm" style={{ whiteSpace: def.kind === 'longtext' ? 'pre-wrap' : undefined, overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}
