// The shell's page list: one source for the sidebar, the mobile drawer, the command palette and the settings sub-nav.
// Never grant access from here: a hidden entry is a convenience; each page and engine still checks the role.
import {
  ChartColumn,
  Contact,
  Image,
  KeyRound,
  LayoutDashboard,
  Megaphone,
  ScrollText,
  Send,
  Settings,
  SlidersHorizontal,
  Sparkles,
  Target,
  Users,
  type LucideIcon,
} from "lucide-react";
import type { Permission } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Shown only to roles holding this permission. */
  permission?: Permission;
  keywords?: string[];
}

export const MAIN_NAV: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard, keywords: ["home", "overview"] },
  { href: "/campaigns", label: "Campaigns", icon: Megaphone, keywords: ["budget"] },
  { href: "/crm", label: "CRM", icon: Contact, keywords: ["contacts", "companies", "leads"] },
  { href: "/publishing", label: "Publishing", icon: Send, keywords: ["posts", "social", "schedule"] },
  { href: "/ads", label: "Ads", icon: Target, keywords: ["advertising", "spend"] },
  { href: "/analytics", label: "Analytics", icon: ChartColumn, keywords: ["reports", "metrics"] },
  { href: "/media", label: "Media", icon: Image, keywords: ["images", "video", "assets"] },
  { href: "/ai", label: "AI", icon: Sparkles, keywords: ["assistant", "copy", "generate"] },
  { href: "/settings", label: "Settings", icon: Settings, keywords: ["workspace", "preferences"] },
];

export const SETTINGS_NAV: NavItem[] = [
  { href: "/settings", label: "General", icon: SlidersHorizontal, keywords: ["workspace name", "timezone"] },
  { href: "/settings/members", label: "Members", icon: Users, keywords: ["team", "invite", "roles"] },
  { href: "/settings/api-keys", label: "API keys", icon: KeyRound, permission: "apikeys.manage", keywords: ["rest", "token"] },
  { href: "/settings/audit", label: "Audit log", icon: ScrollText, permission: "audit.read", keywords: ["history", "activity"] },
];

/** Whether `href` is the current page or an ancestor of it ("/settings" matches only itself among settings pages). */
export function isActive(pathname: string, href: string, exact = false): boolean {
  if (pathname === href) return true;
  return !exact && pathname.startsWith(`${href}/`);
}
