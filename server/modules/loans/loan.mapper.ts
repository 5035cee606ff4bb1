import type { Loan, LoanCondition, LoanItem, LoanItemKind } from '../../../contract/loans.js';
import { toIso } from '../../lib/dates.js';
import { maskName, maskPhone } from '../../lib/masking.js';
import type { LoanItemRow, LoanRow } from './loan.repository.js';

export function toLoanItem(r: LoanItemRow): LoanItem {
  const stock = Number(r.stock);
  const onLoan = Number(r.on_loan);
  return {
    id: r.id,
    estateId: r.estate_id,
    location: r.location,
    entranceId: r.entrance_id,
    kind: r.kind as LoanItemKind,
    name: r.name,
    stock,
    onLoan,
    available: Math.max(0, stock - onLoan),
    active: Number(r.active) === 1,
  };
}

/** A loan as the API shows it: the borrower's name and phone are always masked (张*丰, 138****5678). */
export function toLoan(r: LoanRow, now: Date): Loan {
  const returnedAt = toIso(r.returned_at);
  const dueAt = toIso(r.due_at)!;
  const overdue = !returnedAt && new Date(dueAt).getTime() < now.getTime();
  return {
    id: r.id,
    estateId: r.estate_id,
    itemId: r.item_id,
    itemName: r.item_name,
    itemKind: r.item_kind as LoanItemKind,
    location: r.item_location,
    householdId: r.household_id,
    roomCode: r.room_code ?? null,
    borrowerName: maskName(r.borrower_name) ?? '*',
    borrowerPhone: maskPhone(r.borrower_phone),
    lentBy: r.lent_by,
    lentByName: r.lent_by_name ?? r.lent_by,
    lentAt: toIso(r.lent_at)!,
    dueAt,
    returnedAt,
    returnedTo: r.returned_to,
    condition: (r.condition as LoanCondition | null) ?? null,
    note: r.note,
    status: returnedAt ? 'returned' : overdue ? 'overdue' : 'open',
    overdue,
    version: Number(r.version),
  };
}
