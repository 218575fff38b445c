// ffprobe/ffmpeg for video: metadata, a poster frame and a metadata-free delivery copy. Binaries come from FFMPEG_PATH /
// FFPROBE_PATH or the registry packages. Never pass user text as an argument, and never let a child outlive its timeout.
import "server-only";
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import { env } from "@/lib/env";

type Tool = "ffmpeg" | "ffprobe";

const resolved: Partial<Record<Tool, string | null>> = {};

/** The binary's path, or null when neither the setting nor the installer package provides a runnable one. */
export function binaryPath(tool: Tool): string | null {
  if (resolved[tool] !== undefined) return resolved[tool]!;
  const configured = tool === "ffmpeg" ? env().FFMPEG_PATH : env().FFPROBE_PATH;
  let found: string | null = configured ?? null;
  if (!found) {
    try {
      const require = createRequire(import.meta.url);
      const mod = require(tool === "ffmpeg" ? "@ffmpeg-installer/ffmpeg" : "@ffprobe-installer/ffprobe") as { path?: string };
      found = mod.path ?? null;
    } catch {
      found = null;
    }
  }
  if (found) {
    try {
      accessSync(/*turbopackIgnore: true*/ found, constants.X_OK);
    } catch {
      found = null;
    }
  }
  resolved[tool] = found;
  return found;
}

export function videoToolsAvailable(): boolean {
  return binaryPath("ffprobe") !== null && binaryPath("ffmpeg") !== null;
}

/** Runs a tool to completion; rejects on a non-zero exit or after `timeoutMs` (the child is killed). */
export function runTool(tool: Tool, args: string[], timeoutMs = 60_000): Promise<{ stdout: string; stderr: string }> {
  const bin = binaryPath(tool);
  if (!bin) return Promise.reject(new Error(`${tool} is not available.`));
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let errBytes = 0;
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => {
      // Keep only the tail of ffmpeg's chatter.
      errBytes += c.length;
      err.push(c);
      while (errBytes > 64 * 1024 && err.length > 1) errBytes -= err.shift()!.length;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString("utf8");
      const stderr = Buffer.concat(err).toString("utf8");
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${tool} failed (${signal ?? `exit ${code}`}): ${stderr.trim().split("\n").slice(-3).join(" | ")}`));
    });
  });
}

export interface VideoProbe {
  width: number | null;
  height: number | null;
  durationMs: number | null;
  codec: string | null;
  /** Container format names as ffprobe reports them (e.g. "mov,mp4,m4a,3gp,3g2,mj2"). */
  container: string | null;
}

interface ProbeJson {
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; duration?: string; tags?: Record<string, string>; side_data_list?: { rotation?: number }[] }[];
  format?: { format_name?: string; duration?: string };
}

/** Dimensions (after rotation), duration and codec of the first video stream; rejects when there is none. */
export async function probeVideo(file: string): Promise<VideoProbe> {
  const { stdout } = await runTool("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file], 30_000);
  const json = JSON.parse(stdout) as ProbeJson;
  const video = json.streams?.find((s) => s.codec_type === "video");
  if (!video) throw new Error("no video stream");
  const rotation = Number(video.tags?.rotate ?? video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0);
  const quarter = Math.abs(rotation) % 180 === 90;
  const seconds = Number(json.format?.duration ?? video.duration);
  return {
    width: (quarter ? video.height : video.width) ?? null,
    height: (quarter ? video.width : video.height) ?? null,
    durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : null,
    codec: video.codec_name ?? null,
    container: json.format?.format_name ?? null,
  };
}

/** Writes one frame (at `atSeconds`) as a PNG. */
export async function extractPosterFrame(file: string, out: string, atSeconds: number): Promise<void> {
  await runTool("ffmpeg", ["-v", "error", "-y", "-ss", atSeconds.toFixed(3), "-i", file, "-frames:v", "1", "-f", "image2", "-vcodec", "png", out], 60_000);
}

/** Copies the streams into a new file without any container or stream metadata (location tags included). */
export async function remuxWithoutMetadata(file: string, out: string, format: "mp4" | "mov" | "webm"): Promise<void> {
  const muxer = format === "webm" ? "webm" : format === "mov" ? "mov" : "mp4";
  const args = ["-v", "error", "-y", "-i", file, "-map", "0", "-map_metadata", "-1", "-map_metadata:s:v", "-1", "-map_metadata:s:a", "-1", "-map_chapters", "-1", "-c", "copy"];
  if (muxer !== "webm") args.push("-movflags", "+faststart");
  await runTool("ffmpeg", [...args, "-f", muxer, out], 10 * 60_000);
}
