import type { ServiceFigures } from '../../../contract/service-requests.js';

/** A request as the figures need it (timestamps as Date or ISO text, as the drivers return them). */
export interface FigureRow {
  status: string;
  created_at: Date | string;
  accepted_at: Date | string | null;
  completed_at: Date | string | null;
  response_due_at: Date | string;
  completion_due_at: Date | string;
  charge_kind: string | null;
  charged_fen: number | null;
  material_cost_fen: number | null;
}

const ms = (v: Date | string) => (v instanceof Date ? v : new Date(v)).getTime();
const avg = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;
const share = (hit: number, n: number) => (n ? Math.round((hit / n) * 1000) / 1000 : null);

/**
 * KPI figures over requests created in a period: counts, average minutes from taking a request
 * to the team accepting it (response) and to completion, the share within the catalog targets,
 * and the free jobs with the cost of their materials (what the free list costs the estate).
 */
export function computeFigures(rows: FigureRow[]): ServiceFigures {
  const accepted = rows.filter((r) => r.accepted_at);
  const completed = rows.filter((r) => r.status === 'completed' && r.completed_at);
  const free = completed.filter((r) => r.charge_kind === 'free');
  const minutes = (a: Date | string, b: Date | string) => (ms(b) - ms(a)) / 60_000;
  return {
    created: rows.length,
    completed: completed.length,
    cancelled: rows.filter((r) => r.status === 'cancelled').length,
    open: rows.filter((r) => r.status !== 'completed' && r.status !== 'cancelled').length,
    avgResponseMinutes: avg(accepted.map((r) => minutes(r.created_at, r.accepted_at!))),
    avgCompletionMinutes: avg(completed.map((r) => minutes(r.created_at, r.completed_at!))),
    responseWithinTargetShare: share(
      accepted.filter((r) => ms(r.accepted_at!) <= ms(r.response_due_at)).length,
      accepted.length,
    ),
    completionWithinTargetShare: share(
      completed.filter((r) => ms(r.completed_at!) <= ms(r.completion_due_at)).length,
      completed.length,
    ),
    freeJobs: free.length,
    freeMaterialCostFen: free.reduce((s, r) => s + Number(r.material_cost_fen ?? 0), 0),
    chargedFen: completed
      .filter((r) => r.charge_kind === 'charged')
      .reduce((s, r) => s + Number(r.charged_fen ?? 0), 0),
  };
}
