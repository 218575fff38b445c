"use client";
// Holds the "Deleted N contacts — Undo" offer above the contacts list, so it survives the list being re-rendered or emptied.
// Never undo by re-creating contacts: Undo calls the restore action with exactly the ids the delete returned.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { bulkContactsAction } from "@/app/(app)/crm/actions";
import { useToast } from "@/components/ui/toast";
import { refreshContactLists } from "./refresh-contacts";
import { UndoToast } from "./undo-toast";

interface UndoOffer {
  ids: string[];
  message: string;
}

const UndoContext = createContext<((offer: UndoOffer) => void) | null>(null);

export function UndoDeleteProvider({ children }: { children: ReactNode }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  const [pending, setPending] = useState(false);
  const dismiss = useCallback(() => setOffer(null), []);
  const show = useMemo(() => (o: UndoOffer) => setOffer(o.ids.length ? o : null), []);

  async function undo() {
    if (!offer) return;
    setPending(true);
    try {
      const res = await bulkContactsAction({ action: "restore", ids: offer.ids });
      if (!res.ok) {
        toast.error(res.message);
        return;
      }
      setOffer(null);
      toast.success(`Restored ${res.data.affected} contact${res.data.affected === 1 ? "" : "s"}.`);
      void refreshContactLists(queryClient);
    } catch {
      toast.error("The server could not be reached. Try Undo again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <UndoContext.Provider value={show}>
      {children}
      {offer ? <UndoToast message={offer.message} pending={pending} onUndo={() => void undo()} onDismiss={dismiss} /> : null}
    </UndoContext.Provider>
  );
}

/** Offers "Undo" for a delete; outside the provider (no list on the page) it does nothing. */
export function useUndoDelete(): (offer: UndoOffer) => void {
  return useContext(UndoContext) ?? (() => {});
}
