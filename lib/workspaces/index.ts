// Public face of workspace administration: settings, members, invitations, API keys.
export * from "./api-keys";
export * from "./membership";
export * from "./schemas";
export * from "./workspaces";
