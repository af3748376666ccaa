// What every caller gets from each loader and action. Every route module must appear here; the
// route-guard test walks app/routes, fails on a route that is missing, and checks every pair.
import type { AppRole } from "#app/domain/roles.ts";

/** Who calls: nobody signed in, or a signed-in user with one of the app roles. */
export const callers = ["anonymous", "member", "coordinator", "hr", "admin"] as const;
export type Caller = (typeof callers)[number];

/**
 * allowed: past the guard; the route does its work (200, a redirect elsewhere, or a 400/410 for
 *   the test's harmless form), never 403, 404 or a redirect to sign in.
 * sign-in: a 302 to /inloggen (with ?terug= the page asked for).
 * 403 / 404: exactly that status.
 */
export type Outcome = "allowed" | "sign-in" | "403" | "404";
export type Outcomes = Readonly<Record<Caller, Outcome>>;

export type Expectation = {
  /** With the development tools on, as in the tests (NODE_ENV=test). */
  outcomes: Outcomes;
  /** Only for the development tools: the outcomes in live production, where they are off. */
  toolsOff?: Outcomes;
};

/**
 * Real rows the route-guard test makes before it calls anything, so that "allowed" means the page
 * really works and a 404 means the object is not there for this caller. The `member` and
 * `coordinator` ids are the signed-in callers themselves.
 */
export type World = {
  member: number;
  coordinator: number;
  /** A published course, and one of its planned sessions. */
  courseSlug: string;
  sessionId: number;
  /** An enrolment of the member caller in a session that was held, attended, without feedback. */
  attendedEnrolmentId: number;
  /** An expense the coordinator caller requested. */
  expenseId: number;
  departmentId: number;
  mailId: number;
};

export type RouteAccess = {
  loader?: Expectation;
  action?: Expectation;
  /** Params for the request; a function when they point at rows of the test's World. */
  params?: Record<string, string> | ((world: World) => Record<string, string>);
};

// ---- Helpers that expand the common cases; every pair stays derivable from this file ----

const everyRole = ["member", "coordinator", "hr", "admin"] as const;

/** Signed-in roles in the list are let through, other roles get 403, anonymous callers sign in. */
function roles(...allowed: readonly AppRole[]): Expectation {
  const outcomes: Record<Caller, Outcome> = { anonymous: "sign-in" } as Record<Caller, Outcome>;
  for (const role of everyRole) outcomes[role] = allowed.includes(role) ? "allowed" : "403";
  return { outcomes };
}

/** The same expectation, with some callers answered otherwise. */
function except(base: Expectation, overrides: Partial<Record<Caller, Outcome>>): Expectation {
  return { ...base, outcomes: { ...base.outcomes, ...overrides } };
}

/** Anyone, signed in or not. */
const open: Expectation = {
  outcomes: {
    anonymous: "allowed",
    member: "allowed",
    coordinator: "allowed",
    hr: "allowed",
    admin: "allowed",
  },
};

/** Anyone while the development tools are on (development, demo); 404 for all in live production. */
const devTools: Expectation = {
  outcomes: open.outcomes,
  toolsOff: { anonymous: "404", member: "404", coordinator: "404", hr: "404", admin: "404" },
};

/** The catch-all route: whatever the address, nobody finds anything there. */
const notFound: Expectation = {
  outcomes: { anonymous: "404", member: "404", coordinator: "404", hr: "404", admin: "404" },
};

const everyone = roles(...everyRole);
const admins = roles("admin");
// "catalogue:manage", "budget:view", "budget:export", "reports:view",
// "enrolments:view-participants": the same three roles.
const staff = roles("coordinator", "hr", "admin");
const coordinators = roles("coordinator");
// "members:manage-membership", and "expenses:college-decision" on the expense page.
const coordinatorsAndAdmins = roles("coordinator", "admin");

export const routeAccess: Record<string, RouteAccess> = {
  "_index.tsx": { loader: everyone },
  "$.tsx": { loader: notFound },
  // A component without loader or action: the benchmark's floor.
  "ijkpagina.tsx": {},
  "$slug.tsx": { loader: open, params: { slug: "over-ogw" } },
  // Signed-in users are sent on from the sign-in page to "/" (allowed: it is no refusal).
  "inloggen.tsx": { loader: open, action: open },
  "uitloggen.tsx": { loader: open, action: open },
  "wachtwoord-vergeten.tsx": { loader: open, action: open },
  // An unknown token answers 410 with an explanation: allowed, the page works.
  "wachtwoord-herstellen.$token.tsx": {
    loader: open,
    action: open,
    params: { token: "onbekend" },
  },
  "uitnodiging.$token.tsx": { loader: open, action: open, params: { token: "onbekend" } },
  "beheer._index.tsx": { loader: admins },
  "beheer.gebruikers._index.tsx": { loader: admins },
  "beheer.gebruikers.nieuw.tsx": { loader: admins, action: admins },
  "beheer.gebruikers.$id.tsx": {
    loader: admins,
    action: admins,
    params: (world) => ({ id: String(world.member) }),
  },
  "beheer.logboek.tsx": { loader: admins },
  // The catalogue ("catalogue:view").
  "catalogus._index.tsx": { loader: everyone },
  "catalogus.$slug.tsx": { loader: everyone, params: (world) => ({ slug: world.courseSlug }) },
  "sessies.$id_.ics.tsx": {
    loader: everyone,
    params: (world) => ({ id: String(world.sessionId) }),
  },
  // Enrolment ("enrolments:enrol"): everyone may post to the session page and their own list; each
  // intent then asks for its own permission (deciding is for coordinators), and the test's unknown
  // intent answers 400. The participant exports: "enrolments:view-participants".
  "sessies.$id.tsx": {
    loader: everyone,
    action: everyone,
    params: (world) => ({ id: String(world.sessionId) }),
  },
  "mijn-inschrijvingen.tsx": { loader: everyone, action: everyone },
  "sessies.$id_.deelnemers[.]csv.tsx": {
    loader: staff,
    params: (world) => ({ id: String(world.sessionId) }),
  },
  "sessies.$id_.deelnemers[.]xlsx.tsx": {
    loader: staff,
    params: (world) => ({ id: String(world.sessionId) }),
  },
  // Catalogue management ("catalogue:manage").
  "catalogus.nieuw.tsx": { loader: staff, action: staff },
  "catalogus.$slug_.bewerken.tsx": {
    loader: staff,
    action: staff,
    params: (world) => ({ slug: world.courseSlug }),
  },
  "catalogus.$slug_.sessies.nieuw.tsx": {
    loader: staff,
    action: staff,
    params: (world) => ({ slug: world.courseSlug }),
  },
  "sessies.$id_.bewerken.tsx": {
    loader: staff,
    action: staff,
    params: (world) => ({ id: String(world.sessionId) }),
  },
  "sessies.$id_.annuleren.tsx": {
    loader: staff,
    action: staff,
    params: (world) => ({ id: String(world.sessionId) }),
  },
  // Expenses: viewing is "budget:view"; requesting is for coordinators. On the detail page every
  // intent asks for its own permission; admin may only record a college decision (other intents
  // 403), and the test's unknown intent answers 400 to coordinator and admin, 403 to hr and member.
  "uitgaven._index.tsx": { loader: staff },
  "uitgaven.nieuw.tsx": { loader: coordinators, action: coordinators },
  "uitgaven.$id.tsx": {
    loader: staff,
    action: coordinatorsAndAdmins,
    params: (world) => ({ id: String(world.expenseId) }),
  },
  // The budget overview ("budget:view") and its exports ("budget:export"); settings are admin-only.
  "budget.tsx": { loader: staff },
  "budget.export[.]csv.tsx": { loader: staff },
  "budget.export[.]xlsx.tsx": { loader: staff },
  "beheer.budget.tsx": { loader: admins, action: admins },
  // The member directory ("members:view") and one's own profile ("profile:edit"); coordinators and
  // admins register guild membership; departments are for admins.
  "leden._index.tsx": { loader: everyone },
  "leden.$id.tsx": { loader: everyone, params: (world) => ({ id: String(world.member) }) },
  "leden.$id_.lidmaatschap.tsx": {
    loader: coordinatorsAndAdmins,
    action: coordinatorsAndAdmins,
    params: (world) => ({ id: String(world.member) }),
  },
  "profiel.tsx": { loader: everyone, action: everyone },
  // The download is a POST (it is logged); a GET only leads back to /profiel.
  "profiel.mijn-gegevens[.]json.tsx": { loader: everyone, action: everyone },
  "beheer.afdelingen._index.tsx": { loader: admins, action: admins },
  "beheer.afdelingen.$id.tsx": {
    loader: admins,
    action: admins,
    params: (world) => ({ id: String(world.departmentId) }),
  },
  // Feedback after a session ("feedback:give") on one's own enrolments only: the enrolment is the
  // member caller's, so for every other role it does not exist.
  "mijn-inschrijvingen_.$id.feedback.tsx": {
    loader: except(everyone, { coordinator: "404", hr: "404", admin: "404" }),
    action: except(everyone, { coordinator: "404", hr: "404", admin: "404" }),
    params: (world) => ({ id: String(world.attendedEnrolmentId) }),
  },
  // The half-year evaluation with its exports ("reports:view"); members cannot open reports.
  "rapportages._index.tsx": { loader: staff },
  "rapportages.$halfjaar[.]xlsx.tsx": { loader: staff, params: { halfjaar: "2026-H1" } },
  "rapportages.$halfjaar[.]csv.tsx": { loader: staff, params: { halfjaar: "2026-H1" } },
  "ontwikkeling.postvak._index.tsx": { loader: devTools },
  "ontwikkeling.postvak.$id.tsx": {
    loader: devTools,
    params: (world) => ({ id: String(world.mailId) }),
  },
  "ontwikkeling.postvak.$id.html.tsx": {
    loader: devTools,
    params: (world) => ({ id: String(world.mailId) }),
  },
  "ontwikkeling.e-mails.tsx": { loader: devTools },
  "ontwikkeling.e-mails.$template.tsx": { loader: devTools, params: { template: "invitation" } },
};

/** The params of a route for a request against the given world. */
export function paramsFor(entry: RouteAccess, world: World): Record<string, string> {
  return typeof entry.params === "function" ? entry.params(world) : (entry.params ?? {});
}

// The URL of a route file is worked out in one place, checked against Remix's own route table.
export { pathFor } from "#test/route-paths.ts";
