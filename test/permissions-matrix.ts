// Who may reach each loader and action. Every route module must appear here; the route-guard
// test walks app/routes and fails on a route that is missing or answers otherwise.
import type { AppRole } from "#app/domain/roles.ts";

/**
 * public: anyone, signed in or not.
 * dev-tools: anyone while development tools are on (development, demo); 404 in live production.
 * a list of app roles: those roles; anonymous users are sent to /inloggen, other roles get 403.
 */
export type Access = "public" | "dev-tools" | readonly AppRole[];

export type RouteAccess = {
  loader?: Access;
  action?: Access;
  /** Params for a request to this route; ids of rows that do not exist are fine. */
  params?: Record<string, string>;
};

const everyone = ["member", "coordinator", "hr", "admin"] as const;
const admins = ["admin"] as const;
const catalogueManagers = ["coordinator", "hr", "admin"] as const;
const budgetViewers = ["coordinator", "hr", "admin"] as const;
const coordinators = ["coordinator"] as const;
const membershipManagers = ["coordinator", "admin"] as const;
const participantViewers = ["coordinator", "hr", "admin"] as const;

export const routeAccess: Record<string, RouteAccess> = {
  "_index.tsx": { loader: everyone },
  "$.tsx": { loader: "public" },
  // A component without loader or action: the benchmark's floor.
  "ijkpagina.tsx": {},
  "$slug.tsx": { loader: "public", params: { slug: "over-ogw" } },
  "inloggen.tsx": { loader: "public", action: "public" },
  "uitloggen.tsx": { loader: "public", action: "public" },
  "wachtwoord-vergeten.tsx": { loader: "public", action: "public" },
  "wachtwoord-herstellen.$token.tsx": {
    loader: "public",
    action: "public",
    params: { token: "onbekend" },
  },
  "uitnodiging.$token.tsx": { loader: "public", action: "public", params: { token: "onbekend" } },
  "beheer._index.tsx": { loader: admins },
  "beheer.gebruikers._index.tsx": { loader: admins },
  "beheer.gebruikers.nieuw.tsx": { loader: admins, action: admins },
  "beheer.gebruikers.$id.tsx": { loader: admins, action: admins, params: { id: "999999" } },
  "beheer.logboek.tsx": { loader: admins },
  // The catalogue ("catalogue:view"); unknown slugs and ids answer 404 to allowed roles.
  "catalogus._index.tsx": { loader: everyone },
  "catalogus.$slug.tsx": { loader: everyone, params: { slug: "bestaat-niet" } },
  "sessies.$id_.ics.tsx": { loader: everyone, params: { id: "999999" } },
  // Enrolment ("enrolments:enrol"): everyone may post to the session page and their own list; each
  // intent then asks for its own permission (deciding is for coordinators), and the matrix's unknown
  // intent answers 404 (no such session) or 400. The participant exports: "enrolments:view-participants".
  "sessies.$id.tsx": { loader: everyone, action: everyone, params: { id: "999999" } },
  "mijn-inschrijvingen.tsx": { loader: everyone, action: everyone },
  "sessies.$id_.deelnemers[.]csv.tsx": { loader: participantViewers, params: { id: "999999" } },
  "sessies.$id_.deelnemers[.]xlsx.tsx": { loader: participantViewers, params: { id: "999999" } },
  // Catalogue management ("catalogue:manage"); the params point at rows that do not exist (404 when allowed).
  "catalogus.nieuw.tsx": { loader: catalogueManagers, action: catalogueManagers },
  "catalogus.$slug_.bewerken.tsx": {
    loader: catalogueManagers,
    action: catalogueManagers,
    params: { slug: "bestaat-niet" },
  },
  "catalogus.$slug_.sessies.nieuw.tsx": {
    loader: catalogueManagers,
    action: catalogueManagers,
    params: { slug: "bestaat-niet" },
  },
  "sessies.$id_.bewerken.tsx": {
    loader: catalogueManagers,
    action: catalogueManagers,
    params: { id: "999999" },
  },
  "sessies.$id_.annuleren.tsx": {
    loader: catalogueManagers,
    action: catalogueManagers,
    params: { id: "999999" },
  },
  // Expenses: viewing is "budget:view"; requesting is for coordinators. On the detail page every
  // intent asks for its own permission; admin may only record a college decision (other intents 403),
  // and the matrix's unknown intent answers 400 to coordinator and admin, 403 to hr and member.
  "uitgaven._index.tsx": { loader: budgetViewers },
  "uitgaven.nieuw.tsx": { loader: coordinators, action: coordinators },
  "uitgaven.$id.tsx": {
    loader: budgetViewers,
    action: ["coordinator", "admin"],
    params: { id: "999999" },
  },
  // The budget overview ("budget:view") and its exports ("budget:export"); settings are admin-only.
  "budget.tsx": { loader: budgetViewers },
  "budget.export[.]csv.tsx": { loader: budgetViewers },
  "budget.export[.]xlsx.tsx": { loader: budgetViewers },
  "beheer.budget.tsx": { loader: admins, action: admins },
  // The member directory ("members:view") and one's own profile ("profile:edit"); coordinators and
  // admins register guild membership; departments are for admins.
  "leden._index.tsx": { loader: everyone },
  "leden.$id.tsx": { loader: everyone, params: { id: "999999" } },
  "leden.$id_.lidmaatschap.tsx": {
    loader: membershipManagers,
    action: membershipManagers,
    params: { id: "999999" },
  },
  "profiel.tsx": { loader: everyone, action: everyone },
  "profiel.mijn-gegevens[.]json.tsx": { loader: everyone },
  "beheer.afdelingen._index.tsx": { loader: admins, action: admins },
  "beheer.afdelingen.$id.tsx": { loader: admins, action: admins, params: { id: "999999" } },
  // Feedback after a session ("feedback:give", own enrolments only) and the half-year evaluation
  // with its exports ("reports:view"); members cannot open reports.
  "mijn-inschrijvingen_.$id.feedback.tsx": {
    loader: everyone,
    action: everyone,
    params: { id: "999999" },
  },
  "rapportages._index.tsx": { loader: budgetViewers },
  "rapportages.$halfjaar[.]xlsx.tsx": { loader: budgetViewers, params: { halfjaar: "2026-H1" } },
  "rapportages.$halfjaar[.]csv.tsx": { loader: budgetViewers, params: { halfjaar: "2026-H1" } },
  "ontwikkeling.postvak._index.tsx": { loader: "dev-tools" },
  "ontwikkeling.postvak.$id.tsx": { loader: "dev-tools", params: { id: "999999" } },
  "ontwikkeling.postvak.$id.html.tsx": { loader: "dev-tools", params: { id: "999999" } },
  "ontwikkeling.e-mails.tsx": { loader: "dev-tools" },
  "ontwikkeling.e-mails.$template.tsx": { loader: "dev-tools", params: { template: "invitation" } },
};
