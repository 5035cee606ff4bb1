export { RatingErrors } from './rating.errors.js';
export { ratingJobs } from './rating.jobs.js';
export { CJK_FONT_FACE, CJK_FONT_PATH, renderCardPdf } from './rating.pdf.js';
export { ratingRoutes } from './rating.routes.js';
export { computeRatingFigures, RATING_DEFAULTS, type RatingSettings } from './rating.rules.js';
export {
  createRatingService,
  hashToken,
  type RatingDeps,
  type RatingFiguresFn,
  type RatingService,
} from './rating.service.js';
export type {
  RatingCardLinksTable,
  RatingCardsTable,
  RatingTokenFailuresTable,
  RevisitsTable,
} from './rating.table.js';
