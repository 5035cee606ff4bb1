export { type DemoActivitySummary, type SeedDemoActivityOptions, seedDemoActivity } from './demo.activity.js';
export type {
  BulkHouseholdsOptions,
  DemoAccount,
  DemoAgeBand,
  DemoSummary,
  SeedDemoOptions,
} from './demo.generator.js';
export {
  DEMO_ACCOUNTS,
  DEMO_USERNAMES,
  isDatabaseEmpty,
  loadBulkHouseholds,
  mulberry32,
  seedDemo,
} from './demo.generator.js';
