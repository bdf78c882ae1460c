import { z } from 'zod';
import { registerOpenApiPaths } from '../core/openapi.js';
import { rolePatch, rolePost, teamBody, userCreate, userPatch } from './admin-routes.js';
import { passwordBody, signInBody } from './auth-routes.js';
import { tokenBody } from './token-routes.js';

/** A request body documented from the zod schema the route validates with (one source for both). */
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } } });
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
const ok = (description: string) => ({ 200: { description } });

/** The accounts, roles, tokens and audit routes in the OpenAPI document (issue 15). */
export function describeAccountRoutes(): void {
  registerOpenApiPaths({
    '/api/v1/auth/me': { get: { summary: 'Who is asking: {mode: setup|local|required, database, signedIn, csrfToken, user, permissions}', security: [], responses: ok('The caller') } },
    '/api/v1/auth/setup': { post: { summary: 'First run only: make the administrator {name, email, password (10+ characters)} and sign in; or {mode: "local"} (SQLite: no sign-in on this computer)', security: [], responses: { 200: { description: 'Signed in' }, 409: { description: 'Already set up' } } } },
    '/api/v1/auth/sign-in': { post: { summary: 'Sign in: sets the HttpOnly session cookie; answers as /auth/me. 401 whether the email or the password is wrong; 429 after 5 failures per account or 30 per address in 15 minutes', security: [], requestBody: body(signInBody), responses: ok('Signed in') } },
    '/api/v1/auth/sign-out': { post: { summary: 'End this session', responses: { 204: { description: 'Signed out' } } } },
    '/api/v1/auth/sign-out-everywhere': { post: { summary: 'End every session of the caller', responses: { 204: { description: 'Signed out everywhere' } } } },
    '/api/v1/auth/password': { post: { summary: 'Change one\'s password (the other sessions end)', requestBody: body(passwordBody), responses: { 204: { description: 'Changed' } } } },
    '/api/v1/users': {
      get: { summary: 'Users: {id, name} for everyone (owner pickers); whole accounts for the users right', responses: ok('Users') },
      post: { summary: 'Create a user (users right)', requestBody: body(userCreate), responses: { 201: { description: 'Created' } } },
    },
    '/api/v1/users/{id}': {
      get: { summary: 'One account (users right)', parameters: id, responses: ok('The account') },
      patch: { summary: 'Change an account with its version (409 when stale; deactivating ends its sessions; the last administrator stays)', parameters: id, requestBody: body(userPatch), responses: ok('The account') },
    },
    '/api/v1/users/{id}/password': { post: { summary: 'Reset a user\'s password (users right); their sessions end', parameters: id, requestBody: body(z.strictObject({ password: z.string().min(10) })), responses: { 204: { description: 'Reset' } } } },
    '/api/v1/users/{id}/sign-out-everywhere': { post: { summary: 'End every session of a user (users right)', parameters: id, responses: { 204: { description: 'Ended' } } } },
    '/api/v1/users/{id}/permissions': { get: { summary: 'A user\'s effective permissions and the role granting each (users right)', parameters: id, responses: ok('Permissions') } },
    '/api/v1/teams': { get: { summary: 'Teams', responses: ok('Teams') }, post: { summary: 'Create a team (users right)', requestBody: body(teamBody), responses: { 201: { description: 'Created' } } } },
    '/api/v1/teams/{id}': {
      patch: { summary: 'Rename a team with its version', parameters: id, requestBody: body(teamBody.extend({ version: z.number().int() })), responses: ok('The team') },
      delete: { summary: 'Delete a team without users', parameters: id, responses: { 204: { description: 'Deleted' }, 409: { description: 'It has users' } } },
    },
    '/api/v1/roles': { get: { summary: 'Roles with their permissions', responses: ok('Roles') }, post: { summary: 'Create a role {name, permissions: {entities: {customer: {create, read, edit, delete, export, import: all|team|own|none}}, fields: {customer: {email: read-only|hidden}}, special: [settings, dictionaries, users, audit, lab]}}', requestBody: body(rolePost), responses: { 201: { description: 'Created' } } } },
    '/api/v1/roles/{id}': {
      get: { summary: 'One role', parameters: id, responses: ok('The role') },
      patch: { summary: 'Change a role with its version (built-in roles are fixed)', parameters: id, requestBody: body(rolePatch), responses: ok('The role') },
      delete: { summary: 'Delete a role nobody holds', parameters: id, responses: { 204: { description: 'Deleted' } } },
    },
    '/api/v1/api-tokens': {
      get: { summary: 'API tokens: one\'s own (all of them with the users right); the token itself is never shown again', responses: ok('Tokens') },
      post: { summary: 'Create a token acting with one of the caller\'s roles; send it as Authorization: Bearer <token>', requestBody: body(tokenBody), responses: { 201: { description: 'The token, shown once' } } },
    },
    '/api/v1/api-tokens/{id}': { delete: { summary: 'Revoke a token (at once)', parameters: id, responses: { 204: { description: 'Revoked' } } } },
    '/api/v1/audit': { get: { summary: 'The audit log, newest first (audit right): ?entity, recordId, actorId, action, from, to, cursor, limit', parameters: ['entity', 'recordId', 'actorId', 'action', 'from', 'to', 'cursor', 'limit'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })), responses: ok('{items, nextCursor}') } },
  });
}
