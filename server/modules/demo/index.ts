export { type DemoActivitySummary, type SeedDemoActivityOptions, seedDemoActivity } from './demo.activity.js';
export type { BulkHouseholdsOptions } from './demo.bulk.js';
export { loadBulkHouseholds } from './demo.bulk.js';
export type { DemoAgeBand } from './demo.family.js';
export type { DemoSummary, SeedDemoOptions } from './demo.generator.js';
export { isDatabaseEmpty, seedDemo } from './demo.generator.js';
export { mulberry32 } from './demo.random.js';
export type { DemoAccount } from './demo.staff.js';
export { DEMO_ACCOUNTS, DEMO_USERNAMES } from './demo.staff.js';
