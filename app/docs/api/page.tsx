// The readable REST API reference, rendered on the server from the same OpenAPI document the API serves.
// Never hand-edit endpoint descriptions here: they come from lib/api/routes.ts and the zod schemas.
import Link from "next/link";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "API reference · AICMO" };

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; format?: string; anyOf?: Schema[]; description?: string };

function typeLabel(s: Schema | undefined): string {
  if (!s) return "any";
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf) return s.anyOf.map(typeLabel).join(" | ");
  if (s.type === "array") return `${typeLabel(s.items)}[]`;
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "object");
  return s.format ? `${t} (${s.format})` : t;
}

function Fields({ schema }: { schema: Schema }) {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return <p className="text-sm opacity-70">{typeLabel(schema)}</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead>
        <tr className="border-b border-black/10 dark:border-white/10">
          <th className="py-1 pr-4 font-medium">Field</th>
          <th className="py-1 pr-4 font-medium">Type</th>
          <th className="py-1 font-medium">Required</th>
        </tr>
      </thead>
      <tbody>
        {props.map(([name, p]) => (
          <tr key={name} className="border-b border-black/5 align-top dark:border-white/5">
            <td className="py-1 pr-4 font-mono">{name}</td>
            <td className="py-1 pr-4 font-mono text-xs">{typeLabel(p)}</td>
            <td className="py-1">{(schema.required ?? []).includes(name) ? "yes" : "no"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function ApiDocsPage() {
  const doc = buildOpenApiDocument(env().APP_URL);
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op: op as Record<string, unknown> })),
  );
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-8 p-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">AICMO REST API</h1>
        <p className="text-sm opacity-80">{doc.info.description}</p>
        <p className="text-sm">
          Machine-readable: <Link className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</Link> (OpenAPI 3.1). Errors
          always look like <code className="font-mono">{`{ "error": { "code", "message", "fieldErrors"? } }`}</code>.
        </p>
      </header>
      {ops.map(({ path, method, op }) => {
        const params = (op.parameters as { name: string; in: string; required: boolean; schema: Schema }[]) ?? [];
        const body = (op.requestBody as { content: { "application/json": { schema: Schema } } } | undefined)?.content["application/json"].schema;
        const responses = op.responses as Record<string, { content?: { "application/json": { schema: Schema } } }>;
        const ok = Object.entries(responses).find(([code]) => code.startsWith("2"));
        return (
          <section key={`${method} ${path}`} id={String(op.operationId)} className="space-y-3 rounded-lg border border-black/10 p-4 dark:border-white/10">
            <h2 className="font-mono text-base">
              <span className="mr-2 rounded bg-black/80 px-2 py-0.5 text-xs text-white dark:bg-white/80 dark:text-black">{method}</span>
              {path}
            </h2>
            <p className="text-sm">{String(op.summary)}</p>
            {op.description ? <p className="text-sm opacity-70">{String(op.description)}</p> : null}
            <p className="text-xs opacity-70">
              Requires permission <code className="font-mono">{String(op["x-permission"])}</code>
            </p>
            {params.length > 0 && (
              <div>
                <h3 className="text-sm font-medium">Parameters</h3>
                <ul className="text-sm">
                  {params.map((p) => (
                    <li key={`${p.in}:${p.name}`} className="font-mono text-xs">
                      {p.name} <span className="opacity-60">({p.in}{p.required ? ", required" : ""})</span>: {typeLabel(p.schema)}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {body && (
              <div>
                <h3 className="text-sm font-medium">Request body</h3>
                <Fields schema={body} />
              </div>
            )}
            {ok?.[1].content && (
              <div>
                <h3 className="text-sm font-medium">Response {ok[0]}</h3>
                <Fields schema={ok[1].content["application/json"].schema} />
              </div>
            )}
          </section>
        );
      })}
    </main>
  );
}
