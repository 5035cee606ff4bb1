import './campaign.table.js';

export { CampaignErrors } from './campaign.errors.js';
export { campaignRoutes } from './campaign.routes.js';
export {
  type CampaignDeps,
  type CampaignService,
  createCampaignService,
  FESTIVAL_TEMPLATE,
  PERSONAL_GREETING_FLAGS,
  type Recipient,
} from './campaign.service.js';
export type { CampaignRow, CampaignsTable } from './campaign.table.js';
