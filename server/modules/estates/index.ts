export { estateTimeZone } from './estate.repository.js';
export { estateRoutes } from './estate.routes.js';
export { createEstateService, type EstateService } from './estate.service.js';
