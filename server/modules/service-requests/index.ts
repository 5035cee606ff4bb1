export { catalogRoutes } from './catalog.routes.js';
export { type CatalogService, createCatalogService } from './catalog.service.js';
export { DEFAULT_CATALOG, type DefaultCatalogEntry, seedDefaultCatalog } from './service-catalog.seed.js';
export { serviceFiguresRoutes } from './service-figures.routes.js';
export { createServiceFiguresService, type ServiceFiguresService } from './service-figures.service.js';
export { ServiceRequestErrors } from './service-request.errors.js';
export { computeFigures } from './service-request.figures.js';
export { serviceRequestRoutes } from './service-request.routes.js';
export { CARE_MARKERS, decideCharge, dueTimes, freeRuleMatches, isNight } from './service-request.rules.js';
export {
  createServiceRequestService,
  type ServiceRequestDeps,
  type ServiceRequestService,
} from './service-request.service.js';
export type {
  ServiceCatalogTable,
  ServiceRequestEventsTable,
  ServiceRequestsTable,
} from './service-request.table.js';
