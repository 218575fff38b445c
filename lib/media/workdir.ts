// Private temporary folders for one upload or one variant run, under <AICMO_DATA_DIR>/media/tmp (git-ignored).
// Callers remove their folder when done; never put a user-chosen name in a path here.
import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { mediaRoot } from "./storage";

export async function makeWorkDir(): Promise<string> {
  const dir = path.join(mediaRoot(), "tmp", "work", randomUUID());
  await mkdir(dir, { recursive: true });
  return dir;
}
