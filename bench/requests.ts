/**
 * Bench data for service requests (issue 3): the estate's default catalog, a technician who logs
 * in, and `count` requests spread over teams, statuses, households and 20 technicians — the
 * volume a large estate reaches after a few years. Inserted in batches, not through the service:
 * loading is not what is measured.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../server/db/schema.js';
import { newId } from '../server/lib/ids.js';
import { hashPassword } from '../server/modules/auth/password.js';
import { seedDefaultCatalog } from '../server/modules/service-requests/index.js';

export interface RequestBenchData {
  technicianUsername: string;
  catalogIds: string[];
  householdIds: string[];
  loadSeconds: number;
}

const TEAMS = ['technical', 'technical', 'technical', 'security', 'environment', 'service'] as const;
const OPEN = ['new', 'assigned', 'accepted', 'in_progress'] as const;

/** A deterministic pseudo-random sequence (the same data in every run). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function addStaff(db: Kysely<DB>, estateId: string, username: string, password: string | null) {
  const now = new Date().toISOString();
  const id = newId();
  await db
    .insertInto('accounts')
    .values({
      id,
      username,
      phone: null,
      display_name: username,
      role: 'technician',
      password_hash: password ? await hashPassword(password) : 'x',
      created_at: now,
      updated_at: now,
      created_by: null,
    })
    .execute();
  await db
    .insertInto('staff_assignments')
    .values({
      estate_id: estateId,
      account_id: id,
      team_id: null,
      position: null,
      skills: '[]',
      created_at: now,
    })
    .execute();
  return id;
}

export async function loadBulkRequests(
  db: Kysely<DB>,
  estateId: string,
  count: number,
  password: string,
): Promise<RequestBenchData> {
  const t0 = performance.now();
  const now = new Date();
  await seedDefaultCatalog(db, estateId, now);
  const catalog = await db
    .selectFrom('service_catalog')
    .select(['id', 'code', 'team_code', 'name_zh', 'name_en'])
    .where('estate_id', '=', estateId)
    .execute();
  const households = await db
    .selectFrom('households')
    .select(['id', 'room_code'])
    .where('estate_id', '=', estateId)
    .orderBy('id')
    .limit(20_000)
    .execute();
  const technicianUsername = 'bench-tech';
  const techs = [await addStaff(db, estateId, technicianUsername, password)];
  for (let i = 1; i < 20; i++) techs.push(await addStaff(db, estateId, `bench-tech-${i}`, null));

  const rnd = lcg(20261127);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const byTeam = new Map<string, typeof catalog>();
  for (const c of catalog) byTeam.set(c.team_code, [...(byTeam.get(c.team_code) ?? []), c]);
  const BATCH = 500;
  for (let start = 0; start < count; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const team = pick(TEAMS);
      const entry = pick(byTeam.get(team) ?? catalog);
      const h = pick(households);
      // Three years back; the newest fifth is still open.
      const created = new Date(now.getTime() - Math.floor(rnd() * 3 * 365 * 86_400_000));
      const roll = rnd();
      const status = roll < 0.03 ? pick(OPEN) : roll < 0.9 ? 'completed' : 'cancelled';
      const assignee = status === 'new' ? null : pick(techs);
      const due = new Date(created.getTime() + 4 * 3_600_000).toISOString();
      rows.push({
        estate_id: estateId,
        id: newId(),
        household_id: h.id,
        room_code: h.room_code,
        location: null,
        catalog_id: entry.id,
        catalog_code: entry.code,
        service_name_zh: entry.name_zh,
        service_name_en: entry.name_en,
        team_code: entry.team_code,
        priority: rnd() < 0.1 ? 'urgent' : 'normal',
        description: '压测数据：水龙头漏水',
        channel: 'phone',
        taken_by: techs[1]!,
        taken_by_name: 'bench',
        status,
        assignee_id: assignee,
        assignee_name: assignee ? 'bench' : null,
        care: rnd() < 0.05 ? 1 : 0,
        care_flags: '[]',
        response_due_at: due,
        completion_due_at: due,
        due_at: due,
        assigned_at: assignee ? created.toISOString() : null,
        accepted_at: null,
        started_at: null,
        completed_at: status === 'completed' ? due : null,
        cancelled_at: status === 'cancelled' ? due : null,
        cancelled_by: null,
        cancel_reason: status === 'cancelled' ? '业主取消' : null,
        notes: null,
        materials: null,
        material_cost_fen: null,
        minutes_spent: status === 'completed' ? 45 : null,
        charge_kind: status === 'completed' ? 'free' : null,
        charged_fen: null,
        free_basis: null,
        free_reason: null,
        version: 1,
        created_at: created.toISOString(),
        updated_at: created.toISOString(),
        created_by: null,
        updated_by: null,
      });
    }
    await db.insertInto('service_requests').values(rows).execute();
  }
  return {
    technicianUsername,
    catalogIds: catalog.filter((c) => c.team_code === 'technical').map((c) => c.id),
    householdIds: households.map((h) => h.id),
    loadSeconds: (performance.now() - t0) / 1000,
  };
}
