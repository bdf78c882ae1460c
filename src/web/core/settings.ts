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
  /** IANA zone; null = the browser's. */
  timeZone: string | null;
  locale: string;
  currency: Currency & { chosen: boolean };
  company: Company;
}

export interface SettingsChange {
  timeZone?: string | null;
  locale?: string;
  currency?: string;
  company?: Partial<Company>;
}

export const settingsKey = ['settings'] as const;

export const settingsApi = {
  get: () => api<Settings>('/v1/settings'),
  update: (body: SettingsChange) => api<Settings>('/v1/settings', { method: 'PATCH', body }),
};

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: settingsApi.get, staleTime: 5 * 60_000 });
}
