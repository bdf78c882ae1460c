import { useQuery } from '@tanstack/react-query';
import type { Currency } from '../../shared/money.js';
import { api } from './api.js';

export interface Company {
  name: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  registrationNumber: string | null;
}

/** GET /api/v1/settings: the user's time zone and locale, the installation's currency and company. */
export interface Settings {
  /** The user's IANA zone for showing times; null = the browser's. */
  timeZone: string | null;
  locale: string;
  /** The user's name; null while it is the stand-in "Local user" a new installation starts with. */
  userName: string | null;
  currency: Currency & { chosen: boolean; amountsStored: boolean };
  /** The installation's zone: the server's today, numbering and export dates. */
  installationTimeZone: { zone: string; chosen: boolean };
  /** The first start's questions were answered. */
  setupDone: boolean;
  company: Company;
  /** The largest file an attachment may be, in bytes. */
  attachmentMaxBytes: number;
  /** Issue 15: days the audit trail is kept (null: for ever); `signIn` on SQLite. */
  auditRetentionDays?: number | null;
  signIn?: 'local' | 'required';
}

export interface SettingsChange {
  timeZone?: string | null;
  installationTimeZone?: string;
  locale?: string;
  userName?: string;
  setupDone?: true;
  currency?: string;
  company?: Partial<Company>;
  attachmentMaxBytes?: number;
  auditRetentionDays?: number | null;
  signIn?: 'local' | 'required';
}

export const settingsKey = ['settings'] as const;

export const settingsApi = {
  get: () => api<Settings>('/v1/settings'),
  update: (body: SettingsChange) => api<Settings>('/v1/settings', { method: 'PATCH', body }),
};

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: settingsApi.get, staleTime: 5 * 60_000 });
}
