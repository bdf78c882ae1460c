// Frozen once shipped: never edit; add a new migration instead.
// Accounts, teams, roles, sessions, API tokens and the audit trail (issue 15).
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../database.js';
import { dialectOf, ddlFor } from '../ddl.js';

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const dialect = dialectOf(db);
  const d = ddlFor(dialect);
  const run = (text: string) => sql.raw(text).execute(db);
  const now = new Date().toISOString();

  await run(`CREATE TABLE teams (
    id ${d.id},
    name TEXT NOT NULL,
    created_at ${d.ts} NOT NULL,
    updated_at ${d.ts} NOT NULL,
    version INTEGER NOT NULL DEFAULT 1)`);
  await run(`CREATE UNIQUE INDEX teams_name ON teams (lower(name))`);

  // A built-in role's rights come from code (auth/built-in-roles.ts), so a new entity is covered at once.
  await run(`CREATE TABLE roles (
    id ${d.id},
    name TEXT NOT NULL,
    built_in TEXT,
    permissions TEXT NOT NULL DEFAULT '{}',
    created_at ${d.ts} NOT NULL,
    updated_at ${d.ts} NOT NULL,
    version INTEGER NOT NULL DEFAULT 1)`);
  await run(`CREATE UNIQUE INDEX roles_name ON roles (lower(name))`);

  await run(`ALTER TABLE users ADD COLUMN password_hash TEXT`);
  await run(`ALTER TABLE users ADD COLUMN active ${d.bool} NOT NULL DEFAULT ${d.true}`);
  await run(`ALTER TABLE users ADD COLUMN team_id INTEGER REFERENCES teams(id)`);
  await run(`ALTER TABLE users ADD COLUMN time_zone TEXT`);
  await run(`ALTER TABLE users ADD COLUMN last_sign_in_at ${d.ts}`);
  await run(`ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1`);
  await run(`CREATE UNIQUE INDEX users_email ON users (lower(email))`);
  // "team" access reads the owners of a team.
  await run(`CREATE INDEX users_team ON users (team_id)`);

  await run(`CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users(id),
    role_id INTEGER NOT NULL REFERENCES roles(id),
    PRIMARY KEY (user_id, role_id))`);
  await run(`CREATE INDEX user_roles_role ON user_roles (role_id)`);

  // The session's id is a hash of the cookie's token: a copy of this table signs nobody in.
  await run(`CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at ${d.ts} NOT NULL,
    last_seen_at ${d.ts} NOT NULL,
    expires_at ${d.ts} NOT NULL,
    address TEXT,
    user_agent TEXT)`);
  await run(`CREATE INDEX sessions_user ON sessions (user_id)`);

  await run(`CREATE TABLE api_tokens (
    id ${d.id},
    user_id INTEGER NOT NULL REFERENCES users(id),
    role_id INTEGER NOT NULL REFERENCES roles(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at ${d.ts} NOT NULL,
    last_used_at ${d.ts},
    expires_at ${d.ts},
    revoked_at ${d.ts})`);
  await run(`CREATE INDEX api_tokens_user ON api_tokens (user_id)`);

  // Failed sign-ins per account and per address (rate limiting shared by every server instance).
  await run(`CREATE TABLE sign_in_failures (
    id ${d.id},
    subject TEXT NOT NULL,
    at ${d.ts} NOT NULL)`);
  await run(`CREATE INDEX sign_in_failures_subject ON sign_in_failures (subject, at)`);

  // Append-only: the app never updates or deletes a row except by the retention setting.
  await run(`CREATE TABLE audit_log (
    id ${d.id},
    at ${d.ts} NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id INTEGER,
    token_id INTEGER,
    request_id TEXT,
    entity TEXT NOT NULL,
    record_id INTEGER,
    action TEXT NOT NULL,
    changes TEXT,
    detail TEXT)`);
  await run(`CREATE INDEX audit_log_record ON audit_log (entity, record_id, id)`);
  await run(`CREATE INDEX audit_log_actor ON audit_log (actor_id, id)`);
  await run(`CREATE INDEX audit_log_at ON audit_log (at)`);

  const roles: [string, string][] = [['administrator', 'Administrator'], ['manager', 'Manager'], ['salesRep', 'Sales representative'], ['viewer', 'Viewer']];
  for (const [key, name] of roles) {
    await sql`INSERT INTO roles (name, built_in, permissions, created_at, updated_at) VALUES (${name}, ${key}, '{}', ${now}, ${now})`.execute(db);
  }
  // The local user of a standalone installation (migration 001) is its administrator.
  await sql`INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r WHERE r.built_in = 'administrator' AND u.id = (SELECT min(id) FROM users)`.execute(db);
}
