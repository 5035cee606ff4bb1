import './campaign.table.js';

export type { Recipient } from './campaign.audience.js';
export { CampaignErrors } from './campaign.errors.js';
export { campaignRoutes } from './campaign.routes.js';
export {
  type CampaignDeps,
  type CampaignService,
  createCampaignService,
  FESTIVAL_TEMPLATE,
  PERSONAL_GREETING_FLAGS,
} from './campaign.service.js';
export type { CampaignRow, CampaignsTable } from './campaign.table.js';
