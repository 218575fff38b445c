// REST route contracts of the CRM's imports endpoints; lib/api/routes.ts gathers every spec list into API_ROUTES.
import type { RouteSpec } from "../spec";

export const importsRoutes: RouteSpec[] = [];
