// REST route contracts of the CRM's segments endpoints; lib/api/routes.ts gathers every spec list into API_ROUTES.
import type { RouteSpec } from "../spec";

export const segmentsRoutes: RouteSpec[] = [];
