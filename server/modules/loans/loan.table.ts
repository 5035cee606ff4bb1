import type { Generated } from 'kysely';
import type { Ts, TsNull } from '../../db/schema.js';

/** A returnable item kept at a location (an entrance, 技术室) with a stock count. */
export interface LoanItemsTable {
  estate_id: string;
  id: string;
  /** Entrance name or 技术室. */
  location: string;
  entrance_id: string | null;
  /** trolley | bulb | power_strip | hose | tool | other */
  kind: string;
  name: string;
  stock: number;
  /** Open loans; kept in step with `loans` in the same transaction (conditional update). */
  on_loan: Generated<number>;
  active: Generated<number>;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
}

/** One lending of an item, open until returned. */
export interface LoansTable {
  estate_id: string;
  id: string;
  item_id: string;
  household_id: string | null;
  borrower_name: string;
  borrower_phone: string | null;
  lent_by: string;
  lent_at: Ts;
  due_at: Ts;
  returned_at: TsNull;
  returned_to: string | null;
  /** ok | damaged | lost, set on return. */
  condition: string | null;
  note: string | null;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string;
}

declare module '../../db/schema.js' {
  interface DB {
    loan_items: LoanItemsTable;
    loans: LoansTable;
  }
}
