// The campaigns list's URL state (search, status, sort, cursor): one parser map for the server loader and the client hook.
// Never read these params any other way: a second parser would let the server and the filters disagree.
import { createLoader, createSerializer, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { CAMPAIGN_SORTS, CAMPAIGN_STATUSES } from "@/lib/campaigns/schemas";

export const campaignSearchParams = {
  q: parseAsString.withDefault(""),
  status: parseAsStringLiteral(CAMPAIGN_STATUSES),
  sort: parseAsStringLiteral(CAMPAIGN_SORTS).withDefault("newest"),
  cursor: parseAsString,
};

export const loadCampaignSearchParams = createLoader(campaignSearchParams);
export const serializeCampaignSearchParams = createSerializer(campaignSearchParams);

export const CAMPAIGNS_PAGE_SIZE = 25;
