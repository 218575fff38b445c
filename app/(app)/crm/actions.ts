"use server";
// Server actions for the CRM: contact and company lists, edits, lifecycle moves, notes, consent, bulk actions, merge, GDPR.
// Never decide permissions here: runAction validates with the engine's schema and the engine authorises the caller's role.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Company, Contact, Segment } from "@/db/schema";
import { runAction, type ActionResult } from "@/lib/http/action";
import {
  addNote,
  addNoteSchema,
  bulkContacts,
  bulkContactsSchema,
  changeStage,
  changeStageSchema,
  companyIdSchema,
  consentSchema,
  contactIdSchema,
  createCompany,
  createCompanySchema,
  createContact,
  createContactSchema,
  deleteCompany,
  eraseContact,
  exportContactData,
  listCompanies,
  listCompaniesSchema,
  listContacts,
  listContactsSchema,
  mergeContacts,
  mergeContactsSchema,
  setConsent,
  updateCompany,
  updateCompanySchema,
  updateContact,
  updateContactSchema,
  type BulkResult,
  type CompanyRow,
  type ContactPage,
} from "@/lib/crm";
import {
  countSegment,
  countSegmentRules,
  countSegmentRulesSchema,
  createSegment,
  createSegmentSchema,
  deleteSegment,
  listSegmentContacts,
  listSegments,
  listSegmentsSchema,
  listSegmentContactsSchema,
  addToStaticList,
  removeFromStaticList,
  segmentIdSchema,
  segmentMembersSchema,
  updateSegment,
  updateSegmentSchema,
  type MembersChange,
  type SegmentContactPage,
  type SegmentCount,
  type SegmentPage,
} from "@/lib/crm/segments";
import { loadTimelinePage, type TimelinePageView } from "./load-timeline";

// The engine has no schema for a timeline page request yet; it belongs in lib/crm/schemas.ts next to the others.
const timelinePageSchema = z.object({ contactId: z.string().uuid("Not a contact id."), cursor: z.string().max(500).optional() });

// The segment engine's member and member-page schemas leave the segment id to the URL; actions carry it in the body.
const segmentMembersChangeSchema = segmentMembersSchema.extend({ id: z.string().uuid("Not a segment id.") });
const segmentContactsPageSchema = listSegmentContactsSchema.extend({ id: z.string().uuid("Not a segment id.") });

type ContactExport = Awaited<ReturnType<typeof exportContactData>>;

function revalidateCrm() {
  revalidatePath("/crm", "layout");
}

export async function listContactsAction(raw: unknown): Promise<ActionResult<ContactPage>> {
  return runAction(listContactsSchema, raw, (ctx, input) => listContacts(ctx, input));
}

export async function createContactAction(raw: unknown): Promise<ActionResult<Contact>> {
  const res = await runAction(createContactSchema, raw, (ctx, input) => createContact(ctx, input));
  if (res.ok) revalidateCrm();
  return res;
}

export async function updateContactAction(raw: unknown): Promise<ActionResult<Contact>> {
  const res = await runAction(updateContactSchema, raw, (ctx, input) => updateContact(ctx, input));
  if (res.ok) revalidateCrm();
  return res;
}

/** tag / stage / owner / delete / restore on many contacts; a delete answers with the ids to restore for "Undo". */
export async function bulkContactsAction(raw: unknown): Promise<ActionResult<BulkResult>> {
  const res = await runAction(bulkContactsSchema, raw, (ctx, input) => bulkContacts(ctx, input));
  if (res.ok) revalidateCrm();
  return res;
}

export async function changeStageAction(raw: unknown): Promise<ActionResult<{ id: string; stage: string; changed: boolean }>> {
  const res = await runAction(changeStageSchema, raw, (ctx, input) => changeStage(ctx, input));
  if (res.ok) revalidateCrm();
  return res;
}

export async function setConsentAction(raw: unknown): Promise<ActionResult<Contact>> {
  const res = await runAction(consentSchema, raw, (ctx, input) => setConsent(ctx, input));
  if (res.ok) revalidateCrm();
  return res;
}

export async function addNoteAction(raw: unknown): Promise<ActionResult<{ id: string; createdAt: Date }>> {
  const res = await runAction(addNoteSchema, raw, async (ctx, input) => {
    const note = await addNote(ctx, input);
    return { id: note.id, createdAt: note.createdAt };
  });
  if (res.ok) revalidateCrm();
  return res;
}

export async function listTimelineAction(raw: unknown): Promise<ActionResult<TimelinePageView>> {
  return runAction(timelinePageSchema, raw, (ctx, input) => loadTimelinePage(ctx, input.contactId, input.cursor));
}

export async function exportContactDataAction(raw: unknown): Promise<ActionResult<ContactExport>> {
  return runAction(contactIdSchema, raw, (ctx, { id }) => exportContactData(ctx, id));
}

export async function eraseContactAction(raw: unknown): Promise<ActionResult<{ id: string; erased: Record<string, number> }>> {
  const res = await runAction(contactIdSchema, raw, (ctx, { id }) => eraseContact(ctx, id));
  if (res.ok) revalidateCrm();
  return res;
}

export async function mergeContactsAction(raw: unknown): Promise<ActionResult<Contact>> {
  const res = await runAction(mergeContactsSchema, raw, (ctx, input) => mergeContacts(ctx, input));
  if (res.ok) revalidateCrm();
  return res;
}

export async function listCompaniesAction(raw: unknown): Promise<ActionResult<{ items: CompanyRow[]; nextCursor: string | null }>> {
  return runAction(listCompaniesSchema, raw, (ctx, input) => listCompanies(ctx, input));
}

export async function createCompanyAction(raw: unknown): Promise<ActionResult<Company>> {
  const res = await runAction(createCompanySchema, raw, (ctx, input) => createCompany(ctx, input));
  if (res.ok) revalidateCrm();
  return res;
}

export async function updateCompanyAction(raw: unknown): Promise<ActionResult<Company>> {
  const res = await runAction(updateCompanySchema, raw, (ctx, input) => updateCompany(ctx, input));
  if (res.ok) revalidateCrm();
  return res;
}

export async function deleteCompanyAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const res = await runAction(companyIdSchema, raw, (ctx, { id }) => deleteCompany(ctx, id));
  if (res.ok) revalidateCrm();
  return res;
}

export async function listSegmentsAction(raw: unknown): Promise<ActionResult<SegmentPage>> {
  return runAction(listSegmentsSchema, raw, (ctx, input) => listSegments(ctx, input));
}

/** The rule builder's live count of an unsaved rule tree. */
export async function countSegmentRulesAction(raw: unknown): Promise<ActionResult<SegmentCount>> {
  return runAction(countSegmentRulesSchema, raw, (ctx, input) => countSegmentRules(ctx, input.rules));
}

export async function countSegmentAction(raw: unknown): Promise<ActionResult<SegmentCount>> {
  return runAction(segmentIdSchema, raw, (ctx, { id }) => countSegment(ctx, id));
}

export async function listSegmentContactsAction(raw: unknown): Promise<ActionResult<SegmentContactPage>> {
  return runAction(segmentContactsPageSchema, raw, (ctx, input) => listSegmentContacts(ctx, input.id, input.cursor, input.limit));
}

export async function createSegmentAction(raw: unknown): Promise<ActionResult<Segment>> {
  const res = await runAction(createSegmentSchema, raw, (ctx, input) => createSegment(ctx, input));
  if (res.ok) revalidateCrm();
  return res;
}

export async function updateSegmentAction(raw: unknown): Promise<ActionResult<Segment>> {
  const res = await runAction(updateSegmentSchema, raw, (ctx, input) => updateSegment(ctx, input));
  if (res.ok) revalidateCrm();
  return res;
}

export async function deleteSegmentAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const res = await runAction(segmentIdSchema, raw, (ctx, { id }) => deleteSegment(ctx, id));
  if (res.ok) revalidateCrm();
  return res;
}

/** Adds contacts to, or removes them from, a static list. */
export async function segmentMembersAction(raw: unknown): Promise<ActionResult<MembersChange>> {
  const res = await runAction(segmentMembersChangeSchema, raw, (ctx, input) =>
    input.action === "add" ? addToStaticList(ctx, input.id, input.contactIds) : removeFromStaticList(ctx, input.id, input.contactIds),
  );
  if (res.ok) revalidateCrm();
  return res;
}
