// Public face of the media engine: libraries, uploads (direct and resumable), assets, lifecycle, duplicates, usage,
// delivery and variants. Other engines and routes import from here only, never from the files behind it.
export * from "./alt-text";
export * from "./assets";
export * from "./constants";
export * from "./best-variant";
export * from "./best-variant-table";
export { generateVariants, generateVariantsJob, listVariants } from "./variants";
export * from "./delivery";
export * from "./duplicates";
export * from "./errors";
export { ingestAsset, type IngestInput, type IngestOptions, type IngestResult } from "./ingest";
export * from "./json";
export * from "./libraries";
export * from "./lifecycle";
export * from "./limits";
export * from "./metrics-csv";
export * from "./performance";
export * from "./performance-math";
export { abandonStaleUploads, archiveExpiredAssets, purgeAsset, purgeDeletedAssets } from "./maintenance";
export { hammingDistance, hashToHex, similarity, DEFAULT_NEAR_DUPLICATE_DISTANCE } from "./phash";
export * from "./resumable";
export * from "./schemas";
export * from "./suggestions";
export * from "./transitions";
export * from "./upload";
export * from "./usage";
export { mediaStorage, type MediaStorage } from "./storage";
