export { estateRoutes } from './estate.routes.js';
export { createEstateService, type EstateService } from './estate.service.js';
