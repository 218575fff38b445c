// Public face of the campaigns engine.
export * from "./campaigns";
export * from "./schemas";
