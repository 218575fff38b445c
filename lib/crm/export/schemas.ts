// Input of the contact export: the contacts list's own filters (q, stage, tag, companyId, ownerUserId, segmentId), so a
// download is exactly the filtered view on screen. Never add a filter here that the list does not have.
import type { z } from "zod";
import { listContactsSchema } from "@/lib/crm/schemas";

export const exportContactsSchema = listContactsSchema.pick({
  q: true,
  stage: true,
  tag: true,
  companyId: true,
  ownerUserId: true,
  segmentId: true,
});

export type ExportContactsInput = z.input<typeof exportContactsSchema>;
