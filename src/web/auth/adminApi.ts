import { useQuery } from '@tanstack/react-query';
import { api } from '../core/api.js';
import type { MeUser, Permissions } from './types.js';

/** The admin routes of issue 15 (special right `users`); lists come as `{items, total}`. */
export interface UserAccount extends MeUser {
  roleIds: number[];
  active: boolean;
  lastSignInAt: string | null;
  version: number;
}

export interface UserInput {
  name: string;
  email: string;
  password?: string;
  locale?: string | null;
  timeZone?: string | null;
  teamId?: number | null;
  roleIds: number[];
  active?: boolean;
}

export interface Team {
  id: number;
  name: string;
  userCount: number;
  version: number;
}

export interface Role {
  id: number;
  name: string;
  /** Truthy for the four built-in roles (the server sends their key, e.g. `salesRep`; null for an admin's own). */
  builtIn: boolean | string | null;
  permissions: Permissions;
  userCount: number;
  version: number;
}

export interface ApiToken {
  id: number;
  name: string;
  userId: number;
  userName: string;
  roleId: number;
  roleName: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface NewApiToken {
  id: number;
  name: string;
  roleId: number;
  token: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
}

interface List<T> {
  items: T[];
  total: number;
}

export const accountsKey = ['accounts'] as const;
export const usersKey = [...accountsKey, 'users'] as const;
export const teamsKey = [...accountsKey, 'teams'] as const;
export const rolesKey = [...accountsKey, 'roles'] as const;
export const tokensKey = [...accountsKey, 'api-tokens'] as const;

export const adminApi = {
  users: () => api<List<UserAccount>>('/v1/users'),
  user: (id: number) => api<UserAccount>(`/v1/users/${id}`),
  createUser: (body: UserInput) => api<UserAccount>('/v1/users', { method: 'POST', body }),
  /** Always with the user's roles as the dialog shows them: a change of one field never touches the others. */
  updateUser: (id: number, body: Partial<UserInput> & { roleIds: number[]; version: number }) => api<UserAccount>(`/v1/users/${id}`, { method: 'PATCH', body }),
  resetPassword: (id: number, password: string) => api<void>(`/v1/users/${id}/password`, { method: 'POST', body: { password } }),
  signOutUserEverywhere: (id: number) => api<void>(`/v1/users/${id}/sign-out-everywhere`, { method: 'POST' }),
  teams: () => api<List<Team>>('/v1/teams'),
  createTeam: (name: string) => api<Team>('/v1/teams', { method: 'POST', body: { name } }),
  renameTeam: (team: Team, name: string) => api<Team>(`/v1/teams/${team.id}`, { method: 'PATCH', body: { name, version: team.version } }),
  deleteTeam: (id: number) => api<void>(`/v1/teams/${id}`, { method: 'DELETE' }),
  roles: () => api<List<Role>>('/v1/roles'),
  createRole: (name: string, permissions: Permissions) => api<Role>('/v1/roles', { method: 'POST', body: { name, permissions } }),
  updateRole: (role: Role, name: string, permissions: Permissions) => api<Role>(`/v1/roles/${role.id}`, { method: 'PATCH', body: { name, permissions, version: role.version } }),
  deleteRole: (id: number) => api<void>(`/v1/roles/${id}`, { method: 'DELETE' }),
  tokens: () => api<List<ApiToken>>('/v1/api-tokens'),
  createToken: (body: { name: string; roleId: number; expiresAt?: string }) => api<NewApiToken>('/v1/api-tokens', { method: 'POST', body }),
  revokeToken: (id: number) => api<void>(`/v1/api-tokens/${id}`, { method: 'DELETE' }),
};

export const useUsers = () => useQuery({ queryKey: usersKey, queryFn: adminApi.users });
export const useTeams = () => useQuery({ queryKey: teamsKey, queryFn: adminApi.teams });
export const useRoles = (enabled = true) => useQuery({ queryKey: rolesKey, queryFn: adminApi.roles, enabled });
export const useTokens = () => useQuery({ queryKey: tokensKey, queryFn: adminApi.tokens });
