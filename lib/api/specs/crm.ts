// REST route contracts of the CRM's crm endpoints; lib/api/routes.ts gathers every spec list into API_ROUTES.
import type { RouteSpec } from "../spec";

export const crmRoutes: RouteSpec[] = [];
