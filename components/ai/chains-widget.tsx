// The Chains tab's loader: every task's chain (saved or default) and the providers it may name, handed to the editor.
// Never hand provider keys or headers to the editor: it gets ids, names, kinds, models and the enabled flag only.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listChains } from "@/lib/gateway";
import { loadProviderOptions } from "@/app/(app)/ai/picker-options";
import { ChainEditor } from "./chain-editor";

export async function ChainsWidget({ ctx }: { ctx: Ctx }) {
  const [chains, providers] = await Promise.all([listChains(ctx), loadProviderOptions(ctx)]);
  return <ChainEditor chains={chains} providers={providers} canManage={can(ctx.role, "ai.manage")} />;
}
