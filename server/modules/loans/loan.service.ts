import type { Kysely } from 'kysely';
import type {
  CreateLoanBody,
  DemandPeaks,
  DemandPeaksQuery,
  ListLoansQuery,
  Loan,
  LoanItem,
  ReturnLoanBody,
} from '../../../contract/loans.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import { CAPACITY_PER_HOUR, computeDemandPeaks } from './demand-peaks.js';
import { LoanErrors } from './loan.errors.js';
import { toLoan, toLoanItem } from './loan.mapper.js';
import * as repo from './loan.repository.js';

export type LoanService = ReturnType<typeof createLoanService>;

export interface LoanDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  /** The duty roster: staff on duty per weekday × hour of a team, null when it has none. */
  roster?: { coverage(estateId: string, team: string, from: Date, to: Date): Promise<number[] | null> };
}

const HOUR = 3_600_000;
/** Default loan periods: a trolley comes back the same trip, a spare part after a few days. */
export const DEFAULT_DUE_MS = { trolley: 2 * HOUR, other: 3 * 24 * HOUR };
const WEEK = 7 * 24 * HOUR;

function scopeOf(actor: Actor): string[] | 'all' {
  return actor.allEstates ? 'all' : actor.estateIds;
}

/**
 * Lending of returnable items (T9 spare parts, S9 trolleys) and the demand-peaks view of
 * service requests against the duty roster (T6). Every staff member lends and takes back
 * (request.work); demand peaks are for those who plan staffing (request.dispatch).
 */
export function createLoanService(deps: LoanDeps) {
  const { db, clock, audit } = deps;

  async function loadLoan(actor: Actor, id: string) {
    const row = await repo.findLoan(db, id, scopeOf(actor));
    if (!row) throw LoanErrors.make('LOAN_NOT_FOUND');
    return row;
  }

  return {
    /** Items of an estate with their available counts (stock − open loans). */
    async listItems(actor: Actor, estateId: string): Promise<LoanItem[]> {
      requireCap(actor, 'request.work');
      requireEstate(actor, estateId);
      return (await repo.listItems(db, estateId)).map(toLoanItem);
    },

    /**
     * Lends one unit of an item. 409 ITEM_UNAVAILABLE when every unit is out: the unit is taken
     * by a conditional update in the same transaction as the loan, so the last trolley cannot be
     * lent twice. Default due time: trolley 2 hours, anything else 3 days.
     */
    async create(actor: Actor, input: CreateLoanBody): Promise<Loan> {
      requireCap(actor, 'request.work');
      const item = await repo.findItem(db, input.itemId, scopeOf(actor));
      if (!item) throw LoanErrors.make('LOAN_ITEM_NOT_FOUND', undefined, { field: 'itemId' });
      const estateId = item.estate_id;
      const now = clock.now();
      const dueAt = input.dueAt
        ? new Date(input.dueAt)
        : new Date(now.getTime() + (item.kind === 'trolley' ? DEFAULT_DUE_MS.trolley : DEFAULT_DUE_MS.other));
      if (dueAt.getTime() <= now.getTime())
        throw LoanErrors.make('LOAN_DUE_IN_PAST', undefined, { field: 'dueAt' });
      if (input.householdId && !(await repo.findHousehold(db, estateId, input.householdId)))
        throw LoanErrors.make('LOAN_HOUSEHOLD_NOT_IN_ESTATE', undefined, { field: 'householdId' });
      const id = newId();
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.takeOne(trx, estateId, item.id, at))) {
          const fresh = await repo.findItem(trx, item.id, [estateId]);
          throw LoanErrors.make(
            'ITEM_UNAVAILABLE',
            { name: item.name, location: item.location },
            {
              itemId: item.id,
              stock: Number(fresh?.stock ?? item.stock),
              onLoan: Number(fresh?.on_loan ?? item.on_loan),
              active: Number(fresh?.active ?? item.active) === 1,
            },
          );
        }
        await repo.insertLoan(trx, {
          estate_id: estateId,
          id,
          item_id: item.id,
          household_id: input.householdId ?? null,
          borrower_name: input.borrowerName,
          borrower_phone: input.borrowerPhone || null,
          lent_by: actor.id,
          lent_at: at,
          due_at: dueAt.toISOString(),
          returned_at: null,
          returned_to: null,
          condition: null,
          note: input.note || null,
          created_at: at,
          updated_at: at,
          created_by: actor.id,
        });
        await audit.record(
          {
            actor,
            action: 'loan.create',
            estateId,
            targetType: 'loan',
            targetId: id,
            details: { itemId: item.id, kind: item.kind, householdId: input.householdId ?? null },
          },
          trx,
        );
      });
      return toLoan((await repo.findLoan(db, id, [estateId]))!, clock.now());
    },

    /**
     * Takes an item back with its condition. 409 LOAN_ALREADY_RETURNED for a second return (the
     * close is conditional on returned_at being empty). A lost item also leaves the stock; a
     * damaged one stays in stock with the condition recorded for the manager.
     */
    async return(actor: Actor, id: string, input: ReturnLoanBody): Promise<Loan> {
      requireCap(actor, 'request.work');
      const row = await loadLoan(actor, id);
      if (row.returned_at) throw LoanErrors.make('LOAN_ALREADY_RETURNED');
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const closed = await repo.closeLoan(trx, row.estate_id, id, {
          returnedAt: at,
          returnedTo: actor.id,
          condition: input.condition,
          note: input.note || row.note,
        });
        if (!closed) throw LoanErrors.make('LOAN_ALREADY_RETURNED');
        await repo.giveBack(trx, row.estate_id, row.item_id, input.condition === 'lost', at);
        await audit.record(
          {
            actor,
            action: 'loan.return',
            estateId: row.estate_id,
            targetType: 'loan',
            targetId: id,
            details: { itemId: row.item_id, condition: input.condition },
          },
          trx,
        );
      });
      return toLoan((await repo.findLoan(db, id, [row.estate_id]))!, clock.now());
    },

    /** Loans newest first; status open (incl. overdue), overdue (open and past due) or returned. */
    async list(actor: Actor, q: ListLoansQuery): Promise<Page<Loan>> {
      requireCap(actor, 'request.work');
      let estateIds: string[] | 'all';
      if (q.estateId) {
        requireEstate(actor, q.estateId);
        estateIds = [q.estateId];
      } else {
        estateIds = scopeOf(actor);
        if (!estateIds.length) return { items: [], nextCursor: null };
      }
      const cursor = decodeCursor(q.cursor);
      if (q.cursor && cursor?.length !== 2)
        throw CommonErrors.make('VALIDATION_FAILED', { summary: 'cursor' }, { field: 'cursor' });
      const now = clock.now();
      const rows = await repo.listLoans(db, {
        estateIds,
        status: q.status,
        itemId: q.itemId,
        now: now.toISOString(),
        before: cursor ? [String(cursor[0]), String(cursor[1])] : undefined,
        limit: q.limit,
      });
      return toPage(
        rows,
        q.limit,
        (r) => [new Date(r.lent_at).toISOString(), r.id],
        (r) => toLoan(r, now),
      );
    },

    /**
     * Requests by weekday × hour over the last `weeks` weeks in the estate's time zone, against
     * who is on duty: the team's duty roster when it has one, else the estimate from its posts.
     */
    async demandPeaks(actor: Actor, estateId: string, q: DemandPeaksQuery): Promise<DemandPeaks> {
      requireCap(actor, 'request.dispatch');
      requireEstate(actor, estateId);
      const estate = await repo.estateTimeZone(db, estateId);
      if (!estate) throw CommonErrors.make('NOT_FOUND');
      const timeZone = estate.time_zone || 'Asia/Shanghai';
      const to = clock.now();
      const from = new Date(to.getTime() - q.weeks * WEEK);
      const [rows, roster, coverage] = await Promise.all([
        repo.requestTimes(db, estateId, q.team, from.toISOString(), to.toISOString()),
        repo.teamRoster(db, estateId, q.team),
        deps.roster ? deps.roster.coverage(estateId, q.team, from, to) : null,
      ]);
      const peaks = computeDemandPeaks({
        times: rows.map((r) => new Date(r.created_at)),
        weeks: q.weeks,
        timeZone,
        shifts: roster.shifts,
        teamSize: roster.size,
        rosterCoverage: coverage,
      });
      return {
        weeks: q.weeks,
        team: q.team,
        timeZone,
        from: from.toISOString(),
        to: to.toISOString(),
        rosterSource: peaks.rosterSource,
        teamSize: roster.size,
        shifts: roster.shifts,
        capacityPerHour: CAPACITY_PER_HOUR,
        threshold: peaks.threshold,
        totalRequests: peaks.totalRequests,
        cells: peaks.cells,
        maxAvg: peaks.maxAvg,
      };
    },
  };
}
