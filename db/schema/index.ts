// The whole Drizzle schema, one file per engine; drizzle-kit and the db client read it from here.
export * from "./auth";
export * from "./core";
export * from "./gateway";
export * from "./crm";
export * from "./media";
