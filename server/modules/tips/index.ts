import './tip.table.js';

export { TipErrors } from './tip.errors.js';
export { tipRoutes } from './tip.routes.js';
export { STARTER_TIPS, seedDefaultTips } from './tip.seed.js';
export { createTipService, type TipService } from './tip.service.js';
export type { TipsTable } from './tip.table.js';
