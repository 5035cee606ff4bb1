export { type ConsentService, createConsentService } from './consent.service.js';
export { type CustomFieldService, createCustomFieldService } from './custom-field.service.js';
export { HouseholdErrors } from './household.errors.js';
export { householdRoutes } from './household.routes.js';
export { createHouseholdService, type HouseholdService } from './household.service.js';
export { plateTailDigit } from './household.writer.js';
export { parseRoomQuery, roomCode, roomSortKey } from './room-notation.js';
