// The API contract shared by server and web. Imports nothing from server/ or web/.

export * from './agenda.js';
export * from './attachments.js';
export * from './audit.js';
export * from './auth.js';
export * from './board.js';
export * from './calendar.js';
export * from './campaigns.js';
export * from './common.js';
export * from './estates.js';
export * from './households.js';
export * from './journey.js';
export * from './loans.js';
export * from './messaging.js';
export * from './organizations.js';
export * from './plan.js';
export * from './ratings.js';
export * from './roster.js';
export * from './service-requests.js';
export * from './tips.js';
export * from './visits.js';
