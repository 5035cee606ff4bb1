export { type AccountService, createAccountService } from './account.service.js';
export {
  type Actor,
  type Capability,
  can,
  capabilitiesOf,
  inScope,
  requireCap,
  requireEstate,
  systemActor,
} from './actor.js';
export { authRoutes, ifMatchVersion } from './auth.routes.js';
export {
  type AuthService,
  type AuthSettings,
  createAuthService,
  DEFAULT_AUTH_SETTINGS,
} from './auth.service.js';
export { hashPassword, passwordProblems, verifyPassword } from './password.js';
export { createSessionCache, type SessionCache } from './session-cache.js';
