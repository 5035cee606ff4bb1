export { CAPACITY_PER_HOUR, computeDemandPeaks, localSlot, parseShift } from './demand-peaks.js';
export { LoanErrors } from './loan.errors.js';
export { loanRoutes } from './loan.routes.js';
export { DEFAULT_SPARE_PARTS, seedDefaultLoanItems, TECH_ROOM } from './loan.seed.js';
export { createLoanService, DEFAULT_DUE_MS, type LoanDeps, type LoanService } from './loan.service.js';
export type { LoanItemsTable, LoansTable } from './loan.table.js';
