import { sql } from 'kysely';
import { contactEntity } from '../../shared/entities/contact.entity.js';
import { customerEntity } from '../../shared/entities/customer.entity.js';
import type { Database } from '../db/database.js';
import { RecordService } from '../core/records.js';
import { insertLinks } from '../core/references.js';
import { seedActivities } from './activities.js';
import { prng } from './demo.js';
import { systemActor } from '../auth/actor.js';

const KO = ['김민준', '이서연', '박지훈', '최수아', '정우진', '강하은', '윤도현', '한지민'];
const ZH = ['王伟', '李娜', '张敏', '刘洋', '陈静', '杨帆'];
const EN = ['Emily Clark', 'James Wilson', 'Olivia Brown', 'Daniel Lee', 'Sophia Turner'];
const TITLES = ['과장', '부장', '대리', 'Manager', 'Director', '经理'];

/**
 * What makes a demo look alive beyond its customers: some group memberships, one to three
 * contacts per customer (the first primary: said explicitly, since the contacts module's hooks
 * are registered by the app, not here), and
 * activities around today (past ones mostly ended, upcoming ones planned). For demo sizes:
 * contacts are created one by one.
 */
export async function seedDemoRelations(db: Database, customerIds: readonly number[], seed = 20260315): Promise<{ contacts: number; memberships: number; activities: number }> {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const { rows: groups } = await sql<{ id: number }>`SELECT id FROM customer_groups WHERE deleted_at IS NULL ORDER BY id`.execute(db.kysely);
  const through = customerEntity.fields.groupIds.through;
  const pairs: [number, number][] = [];
  for (const id of customerIds) if (groups.length && r() < 0.35) pairs.push([id, Number(pick(groups).id)]);
  const memberships = pairs.length ? await insertLinks(db.kysely, through, pairs, 1) : 0;

  const contacts = new RecordService(db, contactEntity);
  const { rows: customers } = customerIds.length
    ? await sql<{ id: number; name: string }>`SELECT id, name FROM customers WHERE id IN (${sql.join(customerIds)})`.execute(db.kysely)
    : { rows: [] };
  let made = 0;
  for (const c of customers) {
    const names = /[\uac00-\ud7a3]/.test(c.name) ? KO : /[\u4e00-\u9fff]/.test(c.name) ? ZH : EN;
    const n = 1 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) {
      await contacts.create({ name: pick(names), customerId: Number(c.id), isPrimary: i === 0, title: pick(TITLES), mobile: `010-${1000 + Math.floor(r() * 9000)}-${1000 + Math.floor(r() * 9000)}` }, systemActor(1));
      made++;
    }
  }
  const now = Date.now();
  const { rows: top } = await sql<{ m: number | null }>`SELECT max(id) AS m FROM activities`.execute(db.kysely);
  const before = Number(top[0]?.m ?? 0);
  const a = await seedActivities(db, { activities: Math.max(20, customerIds.length * 2), from: now - 45 * 86_400_000, to: now + 30 * 86_400_000, now, seed, deferIndexes: false });
  // Link each demo activity to a contact of its customer, as the dialog would (the primary one).
  await sql`UPDATE activities SET contact_id = (SELECT c.id FROM contacts c WHERE c.customer_id = activities.customer_id AND c.deleted_at IS NULL
    ORDER BY c.is_primary DESC, c.id LIMIT 1) WHERE id > ${before} AND contact_id IS NULL AND customer_id IS NOT NULL`.execute(db.kysely);
  return { contacts: made, memberships, activities: a.activities };
}
