// `npm run bench -- <name>` runs bench/<name>/index.ts, prints its figures and saves them to bench/results/<name>.json.
// Never run as part of `npm test`, and never write results anywhere but the git-ignored bench/results/.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { formatFigures, isFigures } from "@/bench/lib/figures";
import { projectRoot } from "./lib/prod-server";

const benchDir = path.join(projectRoot, "bench");
const resultsDir = path.join(benchDir, "results");

function available(): string[] {
  return readdirSync(benchDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(benchDir, d.name, "index.ts")))
    .map((d) => d.name)
    .sort();
}

async function main(): Promise<number> {
  const name = process.argv[2];
  const names = available();
  if (!name) {
    console.log("usage: npm run bench -- <name>\n\navailable benchmarks:");
    for (const n of names) console.log(`  ${n}`);
    return 0;
  }
  if (!names.includes(name)) {
    console.error(`no benchmark "${name}" (bench/${name}/index.ts). Available: ${names.join(", ") || "none"}`);
    return 2;
  }

  const mod = (await import(pathToFileURL(path.join(benchDir, name, "index.ts")).href)) as { default?: unknown };
  if (typeof mod.default !== "function") {
    console.error(`bench/${name}/index.ts must default-export an async run() function`);
    return 2;
  }
  const started = performance.now();
  const figures: unknown = await (mod.default as () => Promise<unknown>)();
  if (!isFigures(figures)) {
    console.error(`bench/${name} returned something other than Record<string, {value, unit}>`);
    return 1;
  }

  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\n${name} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  console.log(formatFigures(figures));
  console.log(`\nsaved to ${path.relative(projectRoot, file)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
