import type { Campaign } from '../campaigns.js';
import { campaign001 } from './seed001.campaign.js';
import { campaign002 } from './seed002.campaign.js';
import { campaign003 } from './seed003.campaign.js';
import { campaign004 } from './seed004.campaign.js';

export { campaign001, campaign002, campaign003, campaign004 };

/** The campaigns of the four seed documents, in seed order. */
export const SEED_CAMPAIGNS: Campaign[] = [campaign001, campaign002, campaign003, campaign004];
