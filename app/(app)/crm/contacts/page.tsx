// /crm/contacts has no list of its own: the contacts list is /crm. Send people (and old links) there with the same filters.
// Never shadow /crm/contacts/[id]: this file only answers the bare segment, its children keep their own pages.
import { redirect } from "next/navigation";
import { contactsListHref } from "@/components/crm/contacts-list-href";

export default async function ContactsIndexPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  redirect(contactsListHref(await searchParams));
}
