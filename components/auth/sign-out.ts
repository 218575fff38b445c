"use client";
// Ends the session through the auth client and forgets every cached query of the signed-in user.
// Never keep workspace data in the query cache after sign-out: the next person at this browser must not see it.
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { authClient } from "@/lib/auth/client";

export function useSignOut(): (to?: string) => Promise<void> {
  const router = useRouter();
  const queryClient = useQueryClient();
  return async (to = "/sign-in") => {
    await authClient.signOut();
    queryClient.clear();
    router.replace(to);
    router.refresh();
  };
}
