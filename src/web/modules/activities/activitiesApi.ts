import { activityEntity } from '../../../shared/entities/activity.entity.js';
import { api, type Query } from '../../core/api.js';
import { recordKeys, type EntityRecord } from '../../core/records.js';

export interface ActivityEvent {
  action: 'end' | 'reopen';
  at: string;
  by: number | null;
  byLabel: string | null;
  outcome: string | null;
}

export interface CalendarFeed {
  id: number;
  createdAt: string;
  lastUsedAt: string | null;
  /** Only in the answer that created it: the token is never shown again. */
  url?: string;
}

const base = `/v1/${activityEntity.path}`;

/** The activity routes beyond the generic CRUD (M6). */
export const activitiesApi = {
  calendar: (from: string, to: string, tz: string, signal?: AbortSignal, extra?: Query) =>
    api<{ items: EntityRecord[]; capped: boolean }>(`${base}/calendar`, { query: { ...extra, from, to, tz }, signal }),
  end: (id: number, outcome: string, version: number) => api<EntityRecord>(`${base}/${id}/end`, { method: 'POST', body: { outcome, version } }),
  reopen: (id: number, version: number) => api<EntityRecord>(`${base}/${id}/reopen`, { method: 'POST', body: { version } }),
  events: (id: number, signal?: AbortSignal) => api<{ items: ActivityEvent[] }>(`${base}/${id}/events`, { signal }),
  reminders: (signal?: AbortSignal) => api<{ items: EntityRecord[]; count: number }>(`${base}/reminders`, { signal }),
  dismissReminder: (id: number) => api<void>(`${base}/${id}/dismiss-reminder`, { method: 'POST' }),
  feeds: (signal?: AbortSignal) => api<{ items: CalendarFeed[] }>('/v1/calendar-feeds', { signal }),
  createFeed: () => api<CalendarFeed & { url: string }>('/v1/calendar-feeds', { method: 'POST' }),
  revokeFeed: (id: number) => api<void>(`/v1/calendar-feeds/${id}`, { method: 'DELETE' }),
};

export const icsUrl = (id: number) => `/api${base}/${id}/ics`;

export const activityKeys = {
  all: recordKeys.all(activityEntity),
  calendar: (from: string, to: string, tz: string) => [...recordKeys.all(activityEntity), 'calendar', from, to, tz] as const,
  events: (id: number) => [...recordKeys.all(activityEntity), 'events', id] as const,
  reminders: [...recordKeys.all(activityEntity), 'reminders'] as const,
  feeds: ['calendar-feeds'] as const,
};
