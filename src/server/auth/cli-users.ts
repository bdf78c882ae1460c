import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { writeAudit } from '../core/audit.js';
import { MIN_PASSWORD_LENGTH, hashPassword } from './passwords.js';
import { endSessionsOf } from './sessions.js';

export interface UserLine { id: number; name: string; email: string | null; active: boolean; roles: string }

/** The accounts, for `rapport user list` on the server's own machine. */
export async function listUsers(db: Database): Promise<UserLine[]> {
  const { rows } = await sql<{ id: number; name: string; email: string | null; active: boolean | number }>`SELECT id, name, email, active FROM users ORDER BY id`.execute(db.kysely);
  const out: UserLine[] = [];
  for (const r of rows) {
    const { rows: roles } = await sql<{ name: string }>`SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ${r.id} ORDER BY r.id`.execute(db.kysely);
    out.push({ id: Number(r.id), name: r.name, email: r.email, active: r.active === true || r.active === 1, roles: roles.map((x) => x.name).join(', ') });
  }
  return out;
}

/**
 * `rapport user reset-password <email>`: the way back in when the last administrator forgot their
 * password (no mail server needed). Whoever can run commands on the server already holds its data.
 * The account is reactivated, its sessions end, and the reset is audited as a system change.
 */
export async function resetPasswordFromCli(db: Database, email: string, password: string): Promise<number> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`The password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  const hash = await hashPassword(password);
  return db.kysely.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: number }>`SELECT id FROM users WHERE lower(email) = ${email.trim().toLowerCase()}`.execute(trx);
    if (!rows[0]) throw new Error(`No user with the email ${email}.`);
    const id = Number(rows[0].id);
    await sql`UPDATE users SET password_hash = ${hash}, active = ${db.dialect === 'postgres' ? sql`TRUE` : sql`1`}, updated_at = ${new Date().toISOString()} WHERE id = ${id}`.execute(trx);
    await sql`DELETE FROM sign_in_failures WHERE subject = ${`account:${email.trim().toLowerCase()}`}`.execute(trx);
    await endSessionsOf(trx, id);
    await writeAudit(trx, { kind: 'system', userId: id, tokenId: null, requestId: null }, { entity: 'user', recordId: id, action: 'permission', detail: 'password reset with rapport user reset-password' });
    return id;
  });
}
