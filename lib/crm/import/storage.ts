// Where uploaded import files live: <AICMO_DATA_DIR>/uploads/imports/<workspace>/<import id>.csv, plus a small JSON
// sidecar with what the upload learned (encoding, delimiter, headers). Never build a path from user input.
import "server-only";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import type { FileEncoding } from "./encoding";

/** What the upload inspection found; the job reads the file with exactly these settings. */
export interface UploadMeta {
  version: 1;
  encoding: FileEncoding;
  bom: boolean;
  delimiter: string;
  headers: string[];
  totalRows: number;
  sha256: string;
  bytes: number;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

function assertSafe(id: string, what: string): void {
  if (!SAFE_ID.test(id)) throw new Error(`Unsafe ${what} for an upload path.`);
}

export function importUploadDir(workspaceId: string): string {
  assertSafe(workspaceId, "workspace id");
  return path.resolve(env().AICMO_DATA_DIR, "uploads", "imports", workspaceId);
}

/** The uploaded CSV of an import. */
export function importUploadPath(workspaceId: string, importId: string): string {
  assertSafe(importId, "import id");
  return path.join(importUploadDir(workspaceId), `${importId}.csv`);
}

function metaPath(workspaceId: string, importId: string): string {
  return importUploadPath(workspaceId, importId).replace(/\.csv$/, ".json");
}

/** Where an upload is written before it has passed inspection. */
export function partialUploadPath(workspaceId: string, importId: string): string {
  return `${importUploadPath(workspaceId, importId)}.part`;
}

export async function ensureUploadDir(workspaceId: string): Promise<void> {
  await mkdir(importUploadDir(workspaceId), { recursive: true });
}

export async function writeUploadMeta(workspaceId: string, importId: string, meta: UploadMeta): Promise<void> {
  await writeFile(metaPath(workspaceId, importId), JSON.stringify(meta));
}

export async function readUploadMeta(workspaceId: string, importId: string): Promise<UploadMeta | null> {
  try {
    const meta = JSON.parse(await readFile(metaPath(workspaceId, importId), "utf8")) as UploadMeta;
    return meta.version === 1 ? meta : null;
  } catch {
    return null;
  }
}

/** Removes the file, its sidecar and any partial upload; missing files are fine. */
export async function deleteUpload(workspaceId: string, importId: string): Promise<void> {
  await Promise.all([
    rm(importUploadPath(workspaceId, importId), { force: true }),
    rm(metaPath(workspaceId, importId), { force: true }),
    rm(partialUploadPath(workspaceId, importId), { force: true }),
  ]);
}
