// Who may do what: a small map in code. Routes ask for a permission, never for a list of roles.
import type { AppRole } from "#app/domain/roles.ts";

export const permissions = {
  "dashboard:view": ["member", "coordinator", "hr", "admin"],
  "users:manage": ["admin"],
  "audit:read": ["admin"],
  "catalogue:view": ["member", "coordinator", "hr", "admin"],
  "catalogue:manage": ["coordinator", "hr", "admin"],
  "budget:view": ["coordinator", "hr", "admin"],
  "budget:export": ["coordinator", "hr", "admin"],
  "budget:settings": ["admin"],
  "expenses:request": ["coordinator"],
  "expenses:decide": ["coordinator"],
  "expenses:college-decision": ["coordinator", "admin"],
  "enrolments:enrol": ["member", "coordinator", "hr", "admin"],
  // The participant list of a session and its exports.
  "enrolments:view-participants": ["coordinator", "hr", "admin"],
  // Approve or reject paid enrolments, cancel someone else's enrolment, register attendance.
  "enrolments:decide": ["coordinator"],
  "members:view": ["member", "coordinator", "hr", "admin"],
  "members:manage-membership": ["coordinator", "admin"],
  "profile:edit": ["member", "coordinator", "hr", "admin"],
  "departments:manage": ["admin"],
  "users:anonymise": ["admin"],
  "feedback:give": ["member", "coordinator", "hr", "admin"],
  "reports:view": ["coordinator", "hr", "admin"],
} as const satisfies Record<string, readonly AppRole[]>;

export type Permission = keyof typeof permissions;

export function can(role: AppRole, permission: Permission): boolean {
  return (permissions[permission] as readonly AppRole[]).includes(role);
}

export type NavItem = { to: string; label: string; permission?: Permission };

/** The main menu; items with a permission only show for roles that have it. */
export const navigation: readonly NavItem[] = [
  { to: "/", label: "Overzicht" },
  { to: "/catalogus", label: "Catalogus", permission: "catalogue:view" },
  { to: "/mijn-inschrijvingen", label: "Mijn inschrijvingen", permission: "enrolments:enrol" },
  { to: "/leden", label: "Leden", permission: "members:view" },
  { to: "/budget", label: "Budget", permission: "budget:view" },
  { to: "/rapportages", label: "Rapportages", permission: "reports:view" },
  { to: "/uitgaven", label: "Uitgaven", permission: "budget:view" },
  { to: "/over-ogw", label: "Over OGW" },
  { to: "/beheer", label: "Beheer", permission: "users:manage" },
];

export function navigationFor(role: AppRole): NavItem[] {
  return navigation.filter((item) => !item.permission || can(role, item.permission));
}
