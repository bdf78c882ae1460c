import { api } from '../core/api.js';
import { setCsrfToken } from './csrf.js';
import type { Me } from './types.js';

export const meKey = ['auth', 'me'] as const;

/** Every answer that carries `me` also carries the CSRF token the next writes need. */
const keep = (me: Me): Me => {
  setCsrfToken(me.csrfToken);
  return me;
};

export interface AdminSetup {
  name: string;
  email: string;
  password: string;
}

export const authApi = {
  me: () => api<Me>('/v1/auth/me').then(keep),
  signIn: (email: string, password: string) => api<Me>('/v1/auth/sign-in', { method: 'POST', body: { email, password } }).then(keep),
  setup: (body: AdminSetup | { mode: 'local' }) => api<Me>('/v1/auth/setup', { method: 'POST', body }).then(keep),
  signOut: () => api<void>('/v1/auth/sign-out', { method: 'POST' }),
  signOutEverywhere: () => api<void>('/v1/auth/sign-out-everywhere', { method: 'POST' }),
  changePassword: (currentPassword: string, newPassword: string) => api<void>('/v1/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
};

/** The password rule the server enforces. */
export const PASSWORD_MIN = 10;
