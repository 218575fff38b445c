"use client";
// The accept step of an invitation: one button that joins the workspace and opens its dashboard, or shows why not.
// Never accept on page load: joining a workspace is the user's explicit choice.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { acceptInvitationAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useToast } from "@/components/ui/toast";
import { useSignOut } from "./sign-out";

export function AcceptInvitation({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <div className="grid gap-3">
      <FormError message={error} />
      <Button
        className="w-full"
        pending={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const res = await acceptInvitationAction({ token });
            if (!res.ok) {
              setError(res.message);
              return;
            }
            queryClient.clear();
            toast.success(`You joined ${workspaceName}.`);
            router.replace("/dashboard");
            router.refresh();
          })
        }
      >
        Accept invitation
      </Button>
    </div>
  );
}

export function SwitchAccountButton({ returnTo }: { returnTo: string }) {
  const signOut = useSignOut();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="outline"
      className="w-full"
      pending={pending}
      onClick={() => startTransition(() => signOut(`/sign-in?next=${encodeURIComponent(returnTo)}`))}
    >
      Sign out and use another account
    </Button>
  );
}
