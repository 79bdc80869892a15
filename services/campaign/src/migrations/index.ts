import { CreateOrganisationAndCampaigns1732500100000 } from './1732500100000-CreateOrganisationAndCampaigns';

/** In order; a migration, once landed, is never edited: add a new one. */
export const migrations = [CreateOrganisationAndCampaigns1732500100000];
