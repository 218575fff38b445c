"use client";
// The CSV import wizard: upload (with progress) → preview with auto-detected column mapping → policy for existing emails → start.
// Never start with a mapping the engine would refuse: its own mappingProblems() runs here on every change, and again on the server.
import { useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { FileSpreadsheet, Upload } from "lucide-react";
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, mappingProblems, type ImportMapping, type MappingTarget } from "@/lib/crm/import/mapping";
import { IMPORT_POLICIES, type ImportJson, type ImportPolicy, type ImportPreview } from "@/lib/crm/import/schemas";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { NativeSelect } from "@/components/ui/input";
import { formatCount } from "./crm-format";
import { formatFileSize } from "./import-labels";
import { apiJson, type ApiResult } from "./rest-client";
import { useCustomFieldDefs } from "./custom-fields-inputs";

const POLICY_TEXT: Record<ImportPolicy, { title: string; hint: string }> = {
  skip: { title: "Skip them", hint: "Contacts you already have stay exactly as they are; their rows are counted as skipped." },
  update: { title: "Update them", hint: "The file's non-empty values overwrite the stored ones." },
  fill_blanks: { title: "Only fill blanks", hint: "Stored values win; the file only fills fields that are empty today." },
};

/** Uploads through XHR rather than fetch, for the upload progress a large file needs. */
function uploadCsv(file: File, onProgress: (fraction: number) => void): Promise<ApiResult<ImportPreview>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/contacts/imports");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as unknown;
      if (xhr.status >= 200 && xhr.status < 300) return resolve({ ok: true, data: body as ImportPreview });
      const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
      resolve({ ok: false, code: err?.code ?? `HTTP_${xhr.status}`, message: err?.message ?? `The upload failed (HTTP ${xhr.status}).` });
    };
    xhr.onerror = () => resolve({ ok: false, code: "NETWORK", message: "The upload was interrupted. Check your connection and try again." });
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

export function ImportWizard({ maxBytes }: { maxBytes: number }) {
  // The workspace's defined contact custom fields are mapping targets too (custom.<key>).
  const customDefs = useCustomFieldDefs("contact");
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [uploadPct, setUploadPct] = useState<number | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [policy, setPolicy] = useState<ImportPolicy>("skip");
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const problems = useMemo(() => (preview ? mappingProblems(preview.headers, mapping) : []), [preview, mapping]);

  async function upload() {
    if (!file) return setError("Choose a CSV file first.");
    if (file.size > maxBytes) return setError(`That file is ${formatFileSize(file.size)}; the limit is ${formatFileSize(maxBytes)}.`);
    setError(null);
    setUploadPct(0);
    const res = await uploadCsv(file, setUploadPct);
    setUploadPct(null);
    if (!res.ok) return setError(res.message);
    setPreview(res.data);
    setMapping(res.data.suggestedMapping as ImportMapping);
  }

  async function start() {
    if (!preview || problems.length) return;
    setStarting(true);
    setError(null);
    const res = await apiJson<ImportJson>(`/api/v1/contacts/imports/${preview.id}/start`, { method: "POST", body: { mapping, policy } });
    if (!res.ok) {
      setStarting(false);
      return setError(res.message);
    }
    router.push(`/crm/imports/${res.data.id}`);
  }

  if (!preview) {
    return (
      <Card aria-labelledby="import-upload">
        <CardHeader titleId="import-upload" title="1. Upload a CSV" description={`UTF-8 or Windows-1252, comma, semicolon or tab separated, up to ${formatFileSize(maxBytes)}. The first row names the columns.`} />
        <CardBody className="grid gap-4">
          <label
            htmlFor="import-file"
            className="flex cursor-pointer flex-col items-center gap-2 rounded-lg border-2 border-dashed border-border px-6 py-10 text-center hover:bg-muted/40"
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const f = e.dataTransfer.files[0];
              if (f) setFile(f);
            }}
          >
            <FileSpreadsheet aria-hidden className="size-8 text-muted-foreground" />
            <span className="font-medium">{file ? file.name : "Choose a file or drop it here"}</span>
            <span className="text-sm text-muted-foreground">{file ? formatFileSize(file.size) : "A .csv export from a spreadsheet or another CRM"}</span>
          </label>
          <input
            ref={inputRef}
            id="import-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            className="sr-only"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {uploadPct !== null ? (
            <div className="grid gap-1">
              <p role="status" className="text-sm">
                Uploading… {Math.round(uploadPct * 100)}%
              </p>
              <div role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(uploadPct * 100)} className="h-2 overflow-hidden rounded-full bg-muted">
                <div className="h-full bg-primary transition-[width]" style={{ width: `${Math.round(uploadPct * 100)}%` }} />
              </div>
            </div>
          ) : null}
          <FormError message={error} />
          <div>
            <Button onClick={() => void upload()} pending={uploadPct !== null} disabled={!file}>
              <Upload aria-hidden className="size-4" />
              Upload and preview
            </Button>
          </div>
        </CardBody>
      </Card>
    );
  }

  const fieldTaken = (target: MappingTarget, header: string) => target !== "tags" && Object.entries(mapping).some(([h, t]) => h !== header && t === target);

  return (
    <div className="grid gap-6">
      <Card aria-labelledby="import-file-summary">
        <CardHeader
          titleId="import-file-summary"
          title={preview.fileName}
          description={`${formatCount(preview.totalRows)} rows · ${formatFileSize(preview.totalBytes)} · ${preview.encoding.toUpperCase()}${preview.bom ? " with BOM" : ""} · separated by ${preview.delimiter === "\t" ? "tabs" : `“${preview.delimiter}”`}`}
          actions={
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setPreview(null);
                setFile(null);
                setError(null);
              }}
            >
              Choose another file
            </Button>
          }
        />
        {preview.encodingNote || preview.warnings.length || preview.previousImports.length ? (
          <CardBody className="grid gap-2 text-sm">
            {preview.encodingNote ? <p>{preview.encodingNote}</p> : null}
            {preview.previousImports.length ? (
              <p>This exact file was imported before ({preview.previousImports.length}×). Importing it again is safe: nothing already imported is duplicated.</p>
            ) : null}
            {preview.warnings.map((w) => (
              <p key={w} className="text-danger">
                {w}
              </p>
            ))}
          </CardBody>
        ) : null}
      </Card>

      <Card aria-labelledby="import-mapping">
        <CardHeader titleId="import-mapping" title="2. Match columns to contact fields" description="We guessed from the column names; check each one. Unmatched columns are not imported." />
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse text-sm" aria-label="Column mapping">
            <thead>
              <tr className="text-left text-xs text-muted-foreground uppercase">
                <th scope="col" className="border-b border-border bg-muted/50 px-4 py-2.5 font-semibold">Column</th>
                <th scope="col" className="border-b border-border bg-muted/50 px-4 py-2.5 font-semibold">Sample values</th>
                <th scope="col" className="border-b border-border bg-muted/50 px-4 py-2.5 font-semibold">Import as</th>
              </tr>
            </thead>
            <tbody>
              {preview.columns.map((col) => {
                const samples = preview.sampleRows.map((r) => r[col.index] ?? "").filter((v) => v.trim()).slice(0, 3);
                const value = mapping[col.header] ?? "";
                return (
                  <tr key={`${col.index}:${col.header}`}>
                    <th scope="row" className="border-b border-border px-4 py-2.5 text-left font-medium">
                      {col.header || <span className="text-muted-foreground">(no name)</span>}
                      {col.suggested && value === col.suggested ? <span className="ml-2 text-xs font-normal text-muted-foreground">auto-detected</span> : null}
                    </th>
                    <td className="max-w-72 border-b border-border px-4 py-2.5 text-muted-foreground">
                      <span className="block truncate" title={samples.join(" · ")}>
                        {samples.length ? samples.join(" · ") : "—"}
                      </span>
                    </td>
                    <td className="border-b border-border px-4 py-2">
                      <NativeSelect
                        aria-label={`Import column ${col.header} as`}
                        value={value}
                        className="h-9 min-w-52"
                        onChange={(e) => setMapping((m) => ({ ...m, [col.header]: (e.target.value || null) as MappingTarget | null }))}
                      >
                        <option value="">Don&apos;t import</option>
                        {IMPORT_FIELDS.map((f) => (
                          <option key={f} value={f}>
                            {IMPORT_FIELD_LABELS[f]}
                            {fieldTaken(f, col.header) ? " (already used)" : ""}
                          </option>
                        ))}
                        {col.customField ? <option value={col.customField}>Custom field “{col.customField.replace(/^custom\./, "")}”</option> : null}
                        {customDefs
                          .filter((d) => `custom.${d.key}` !== col.customField)
                          .map((d) => (
                            <option key={d.key} value={`custom.${d.key}`}>
                              Custom field “{d.label}”
                            </option>
                          ))}
                      </NativeSelect>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {problems.length ? (
          <CardBody>
            <div role="alert" className="grid gap-1 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
              {problems.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </div>
          </CardBody>
        ) : null}
      </Card>

      <Card aria-labelledby="import-policy">
        <CardHeader titleId="import-policy" title="3. Emails you already have" description="Rows are matched to existing contacts by email." />
        <CardBody>
          <fieldset className="grid gap-3">
            <legend className="sr-only">What to do with existing contacts</legend>
            {IMPORT_POLICIES.map((p) => (
              <label key={p} className="flex items-start gap-2 text-sm">
                <input type="radio" name="import-policy" className="mt-0.5 accent-primary" checked={policy === p} onChange={() => setPolicy(p)} />
                <span>
                  <span className="font-medium">{POLICY_TEXT[p].title}</span>
                  <span className="block text-xs text-muted-foreground">{POLICY_TEXT[p].hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </CardBody>
      </Card>

      <FormError message={error} />
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => void start()} pending={starting} disabled={problems.length > 0}>
          Start import of {formatCount(preview.totalRows)} rows
        </Button>
        <p className="text-sm text-muted-foreground">Rows are checked first; nothing is written until the whole file has been read.</p>
      </div>
    </div>
  );
}
