/**
 * What a user did that leaves no record behind, as the generic pieces report it (issue 13): the
 * guided lab ticks steps such as "grouped the list" or "opened History" from these. Subjects are
 * entity paths (`customers`), page paths (`/history`), dictionary keys (`product-category`, with
 * `:child` for a value under a parent) or analysis names.
 */
export const USAGE_EVENTS = [
  /** A page of the app was shown (subject: its path). */
  'opened',
  /** The New dialog of an entity was opened. */
  'new',
  /** A record was saved with Save and New. */
  'saved-and-new',
  /** A record was changed in its dialog or on its page. */
  'edited',
  /** A cell of a list was edited in place. */
  'edited-inline',
  /** A list was grouped by a column. */
  'grouped',
  /** A record's view dialog or information page was opened. */
  'viewed',
  /** A dictionary value was added from its editor (the … button). */
  'dictionary-value-added',
  /** A list was exported (recorded by the server). */
  'exported',
  /** An analysis was run (recorded by the server). */
  'analysed',
] as const;

export type UsageEvent = (typeof USAGE_EVENTS)[number];

/** The events the browser reports itself; the others the server records where they happen. */
export const CLIENT_USAGE_EVENTS: readonly UsageEvent[] = USAGE_EVENTS.filter((e) => e !== 'exported' && e !== 'analysed');

export const USAGE_SUBJECT = /^[A-Za-z0-9/:._-]{1,100}$/;
