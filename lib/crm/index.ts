// Public face of the CRM engine.
export * from "./activity";
export * from "./companies";
export * from "./consent";
export * from "./contacts";
export * from "./duplicates";
export * from "./normalize";
export * from "./schemas";
export * from "./stages";
export * from "./custom-fields";
export * from "./lifecycle-rules";
