const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
const versionBody = (extra: Record<string, unknown> = {}) => ({ content: { 'application/json': { schema: { type: 'object', properties: { ...extra, version: { type: 'integer' } } } } } });
const q = (name: string, description: string, required = false) => ({ name, in: 'query', required, schema: { type: 'string' }, description });

/** Routes of the activities module (M6). */
export const ACTIVITY_PATHS: Record<string, unknown> = {
  '/api/v1/activities/{id}/end': {
    post: { summary: 'End activity: status ended, endedAt now and the outcome in one write, recorded in its events', parameters: id, requestBody: versionBody({ outcome: { type: 'string' } }),
      responses: { 200: { description: 'The activity' }, 400: { description: 'Already ended' }, 409: { description: 'Stale version' } } },
  },
  '/api/v1/activities/{id}/reopen': {
    post: { summary: 'Reopen an ended activity (endedAt cleared, the outcome kept), recorded in its events', parameters: id, requestBody: versionBody(),
      responses: { 200: { description: 'The activity' }, 400: { description: 'Not ended' }, 409: { description: 'Stale version' } } },
  },
  '/api/v1/activities/{id}/events': { get: { summary: 'End and reopen history: {items:[{action, at, by, byLabel, outcome}]}', parameters: id, responses: { 200: { description: 'Events' } } } },
  '/api/v1/activities/calendar': {
    get: { summary: 'Every live activity overlapping [from, to): timed ones by instant, all-day ones by date in tz; the list\'s filter[...] and q apply. {items, capped} (at most 2,000)',
      parameters: [q('from', 'YYYY-MM-DD (that day\'s start in tz) or an ISO 8601 instant', true), q('to', 'Exclusive end, like from', true), q('tz', 'IANA time zone (default UTC)')],
      responses: { 200: { description: '{items, capped}' }, 400: { description: 'Bad window or time zone' } } },
  },
  '/api/v1/activities/reminders': { get: { summary: 'Due reminders of the local user: {items, count}', responses: { 200: { description: '{items, count}' } } } },
  '/api/v1/activities/{id}/dismiss-reminder': { post: { summary: 'Dismiss a reminder (it becomes due again if the start or the reminder changes)', parameters: id, responses: { 204: { description: 'Dismissed' } } } },
  '/api/v1/activities/{id}/ics': { get: { summary: 'One activity as iCalendar (RFC 5545)', parameters: id, responses: { 200: { description: 'text/calendar' } } } },
  '/api/v1/calendar-feeds': {
    post: { summary: 'Create a subscription feed: {id, url, path, token} (the token is shown once; only its SHA-256 is stored)', responses: { 201: { description: 'The feed' } } },
    get: { summary: 'The local user\'s live feeds (no tokens): {items:[{id, createdAt, lastUsedAt}]}', responses: { 200: { description: 'Feeds' } } },
  },
  '/api/v1/calendar-feeds/{id}': { delete: { summary: 'Revoke a feed (its URL answers 404 from now on)', parameters: id, responses: { 204: { description: 'Revoked' } } } },
  '/feeds/{token}.ics': { get: { summary: 'A feed: the user\'s planned and recently ended activities as iCalendar; no session, the token is the credential', parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'text/calendar' }, 404: { description: 'Unknown or revoked token' } } } },
};
