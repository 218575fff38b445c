// The one table that says what each workspace role may do. Engines ask `authorize(ctx, permission)`;
// the UI asks `can(role, permission)` only to hide controls. Never check a role name anywhere else.

export const ROLES = ["owner", "admin", "manager", "marketer", "approver", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  manager: "Manager",
  marketer: "Marketer",
  approver: "Approver",
  viewer: "Viewer",
};

export const PERMISSIONS = [
  "workspace.read",
  "campaigns.read",
  "campaigns.write",
  "contacts.read",
  "contacts.write",
  "contacts.delete",
  "contacts.stage_backward",
  "contacts.import",
  "contacts.export",
  /** CRM configuration: lifecycle rules and custom field definitions. */
  "crm.manage",
  "posts.read",
  "posts.write",
  "posts.approve",
  "posts.publish",
  "ads.read",
  "ads.write",
  "ads.budget",
  "analytics.read",
  "media.read",
  "media.write",
  "media.approve",
  "media.delete",
  "ai.read",
  "ai.use",
  "ai.manage",
  "members.read",
  "members.manage",
  "apikeys.manage",
  "audit.read",
  "settings.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  "workspace.read",
  "campaigns.read",
  "contacts.read",
  "posts.read",
  "ads.read",
  "analytics.read",
  "media.read",
  "ai.read",
  "members.read",
];

const MARKETER: Permission[] = [
  ...READ,
  "campaigns.write",
  "contacts.write",
  "contacts.import",
  "contacts.export",
  "posts.write",
  "ads.write",
  "media.write",
  "ai.use",
];

const MANAGER: Permission[] = [
  ...MARKETER,
  "contacts.delete",
  "contacts.stage_backward",
  "crm.manage",
  "posts.approve",
  "posts.publish",
  "ads.budget",
  "media.approve",
  "media.delete",
  "audit.read",
];

const ADMIN: Permission[] = [...MANAGER, "ai.manage", "members.manage", "apikeys.manage", "settings.manage"];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(PERMISSIONS),
  admin: new Set(ADMIN),
  manager: new Set(MANAGER),
  marketer: new Set(MARKETER),
  // Approvers read everything and decide on posts and media; they do not create content.
  approver: new Set<Permission>([...READ, "posts.approve", "media.approve"]),
  viewer: new Set(READ),
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** Roles a member with `role` may hand out (to invitees, members or API keys): never above their own. */
export function assignableRoles(role: Role): Role[] {
  if (role === "owner") return [...ROLES];
  if (role === "admin") return ROLES.filter((r) => r !== "owner");
  return [];
}

function subset(a: Role, b: Role): boolean {
  for (const p of ROLE_PERMISSIONS[a]) if (!ROLE_PERMISSIONS[b].has(p)) return false;
  return true;
}

/** The role whose permissions both roles include: used to cap an API key by its creator's current role. */
export function lesserRole(a: Role, b: Role): Role {
  if (subset(a, b)) return a;
  if (subset(b, a)) return b;
  return "viewer";
}
