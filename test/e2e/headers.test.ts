// Every route, as a document and as a Remix data request, read or posted to, allowed or refused,
// answers with every security header of app/utils/security-headers.ts; signed-in answers are never cached.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHalfYear, lastCompletedHalfYear } from "#app/domain/half-year.ts";
import type { AppRole } from "#app/domain/roles.ts";
import { contentSecurityPolicy, securityHeaders } from "#app/utils/security-headers.ts";
import {
  routeAccess,
  type Caller,
  type Expectation,
  type Outcome as MatrixOutcome,
} from "#test/permissions-matrix.ts";
import { dataPathFor, paramNamesOf, pathFor } from "#test/route-paths.ts";
import { baseUrl, DEMO_PASSWORD, demoUsers, withDatabase } from "./support.ts";

const routesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");

// The routes as the app has them, not as the matrix remembers them.
const routeFiles = fs
  .readdirSync(routesDir)
  .filter((file) => file.endsWith(".tsx"))
  .sort();

function exportsOf(file: string): { loader: boolean; action: boolean } {
  const source = fs.readFileSync(path.join(routesDir, file), "utf8");
  const exported = (name: string) =>
    new RegExp(`export\\s+(async\\s+)?function\\s+${name}\\b|export\\s+const\\s+${name}\\b`).test(
      source,
    );
  return { loader: exported("loader"), action: exported("action") };
}

// ---------------------------------------------------------------------------------------------
// What every response must carry

/**
 * The stored mail views answer with a policy of their own: no scripts at all, but the inline styles
 * that e-mail HTML depends on (app/mail/development-pages.server.ts). Only their successful answers;
 * their errors come from the app and carry its policy.
 */
const mailHtmlViews = new Set([
  "ontwikkeling.postvak.$id.html.tsx",
  "ontwikkeling.e-mails.$template.tsx",
]);

type HeaderSet = Record<string, string>;

const appHeaders: HeaderSet = securityHeaders({
  nonce: "NONCE",
  https: false,
  development: false,
});

/**
 * The headers of the foundation issue, and what makes each value safe. Checked against the response
 * beside the exact value the foundation sets, so that dropping or weakening one there fails here too.
 */
const requiredHeaders: Record<string, (value: string) => boolean> = {
  "X-Content-Type-Options": (value) => value === "nosniff",
  "Referrer-Policy": (value) =>
    ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"].includes(
      value,
    ),
  "X-Frame-Options": (value) => value === "DENY",
  "Cross-Origin-Opener-Policy": (value) => value === "same-origin",
  "Permissions-Policy": (value) =>
    ["camera=()", "microphone=()", "geolocation=()"].every((feature) => value.includes(feature)),
};

// Headers the foundation sends only over https (HSTS); this server runs on plain http.
const httpsOnlyHeaders = Object.keys(
  securityHeaders({ nonce: "NONCE", https: true, development: false }),
).filter((name) => !(name in appHeaders));

function directivesOf(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** What is wrong with a Content-Security-Policy; empty when it is as strict as the foundation's. */
function policyProblems(policy: string, mailView: boolean): string[] {
  const problems: string[] = [];
  const directives = directivesOf(policy);
  const fallback = directives.get("default-src");
  const effective = (name: string) => directives.get(name) ?? fallback ?? [];
  const scripts = effective("script-src");
  const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(
    scripts.find((s) => s.startsWith("'nonce-")) ?? "",
  );
  if (mailView) {
    if (scripts.join(" ") !== "'none'") problems.push(`mail view allows scripts: ${policy}`);
  } else {
    if (!nonce) problems.push(`no nonce in script-src: ${policy}`);
    // The foundation's own policy with this response's nonce, exactly: nothing added or dropped.
    else if (policy !== contentSecurityPolicy(nonce[1]!, { development: false }))
      problems.push(`not the foundation's policy: ${policy}`);
    if (policy.includes("unsafe-inline")) problems.push(`unsafe-inline: ${policy}`);
  }
  for (const source of scripts) {
    if (/unsafe-inline|unsafe-eval|^\*$|^https?:$|^data:$/.test(source))
      problems.push(`script-src allows ${source}`);
  }
  if (effective("object-src").join(" ") !== "'none'") problems.push("object-src is not 'none'");
  if (directives.get("base-uri")?.join(" ") !== "'none'") problems.push("base-uri is not 'none'");
  if (directives.get("frame-ancestors")?.join(" ") !== "'none'")
    problems.push("frame-ancestors is not 'none'");
  return problems;
}

/**
 * Every header the foundation sets, with its exact value (a duplicate would read "DENY, DENY"), and
 * every header of the foundation issue with a safe value.
 */
function headerProblems(
  response: Response,
  options: { signedIn: boolean; mailView: boolean },
  foundation: HeaderSet = appHeaders,
) {
  const problems: string[] = [];
  const policies = response.headers.get("content-security-policy");
  if (!policies) problems.push("Content-Security-Policy missing");
  else if (policies.includes(",")) problems.push(`two policies: ${policies}`);
  else problems.push(...policyProblems(policies, options.mailView));
  if (!("Content-Security-Policy" in foundation))
    problems.push("the foundation no longer sets Content-Security-Policy");
  const names = new Set([...Object.keys(foundation), ...Object.keys(requiredHeaders)]);
  names.delete("Content-Security-Policy");
  for (const name of names) {
    const actual = response.headers.get(name);
    const expected = foundation[name];
    const safe = requiredHeaders[name];
    if (expected === undefined) problems.push(`the foundation no longer sets ${name}`);
    else if (actual !== expected)
      problems.push(`${name}: ${actual ?? "missing"} (expected ${expected})`);
    if (safe && !safe(actual ?? "")) problems.push(`${name} is not safe: ${actual ?? "missing"}`);
  }
  for (const name of httpsOnlyHeaders) {
    if (response.headers.has(name)) problems.push(`${name} over plain http`);
  }
  if (options.signedIn && !/\bno-store\b/.test(response.headers.get("cache-control") ?? ""))
    problems.push(`signed in, yet Cache-Control: ${response.headers.get("cache-control")}`);
  return problems;
}

const tally = { responses: 0, complete: 0, data: 0, posts: 0, incomplete: [] as string[] };

type Call = {
  method?: "GET" | "POST";
  cookie?: string;
  /** The stored mail view's own policy applies to this answer. */
  mailView?: boolean;
  origin?: string;
  body?: Record<string, string>;
};

/** Sends one request, counts it, and checks its security headers. */
async function request(target: string, call: Call = {}): Promise<Response> {
  const method = call.method ?? "GET";
  const response = await fetch(`${baseUrl}${target}`, {
    method,
    redirect: "manual",
    headers: {
      ...(call.cookie ? { Cookie: call.cookie } : {}),
      ...(method === "POST"
        ? {
            Origin: call.origin ?? baseUrl,
            "Content-Type": "application/x-www-form-urlencoded",
          }
        : {}),
    },
    body: method === "POST" ? new URLSearchParams(call.body ?? {}) : undefined,
  });
  // Read to the end: a header that only goes wrong once the stream has run would show here.
  await response.arrayBuffer();
  const label = `${method} ${target}${call.cookie ? " (signed in)" : ""}`;
  const problems = headerProblems(response, {
    signedIn: Boolean(call.cookie),
    mailView: Boolean(call.mailView) && response.status === 200,
  });
  tally.responses += 1;
  if (new URL(response.url).pathname.endsWith(".data")) tally.data += 1;
  if (method === "POST") tally.posts += 1;
  if (problems.length === 0) tally.complete += 1;
  else tally.incomplete.push(`${label} → ${response.status}: ${problems.join("; ")}`);
  expect(problems, label).toEqual([]);
  return response;
}

afterAll(() => {
  for (const line of tally.incomplete) console.log(`  missing: ${line}`);
  console.log(
    `Routes: ${routeFiles.length} route files; ${tally.responses} responses, of which ${tally.data} data requests and ${tally.posts} posts`,
  );
  console.log(
    `Headers: ${tally.complete} of ${tally.responses} responses carry every security header`,
  );
});

// ---------------------------------------------------------------------------------------------
// What a response must be, beside its headers

type Outcome =
  | { kind: "ok" }
  | { kind: "status"; status: 400 | 403 | 404 | 410 }
  | { kind: "redirect"; to: string };

const ok: Outcome = { kind: "ok" };
const invalid: Outcome = { kind: "status", status: 400 };
const forbidden: Outcome = { kind: "status", status: 403 };
const notFound: Outcome = { kind: "status", status: 404 };
const gone: Outcome = { kind: "status", status: 410 };
const toSignIn: Outcome = { kind: "redirect", to: "/inloggen" };

/**
 * A document redirect is a 302; a data request gets 202 with the target in Location, which the
 * Remix client follows.
 */
function expectOutcome(response: Response, outcome: Outcome, label: string) {
  const isData = new URL(response.url).pathname.endsWith(".data");
  switch (outcome.kind) {
    case "ok":
      expect(response.status, label).toBe(200);
      break;
    case "status":
      expect(response.status, label).toBe(outcome.status);
      break;
    case "redirect":
      expect(response.status, label).toBe(isData ? 202 : 302);
      expect(new URL(response.headers.get("location") ?? "?", baseUrl).pathname, label).toBe(
        outcome.to,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Signing in, and real rows of the seeded demo database

const roles = ["member", "coordinator", "hr", "admin"] as const satisfies readonly AppRole[];
const demoUserOf: Record<AppRole, { email: string }> = {
  member: demoUsers.member,
  coordinator: demoUsers.coordinator,
  hr: demoUsers.hr,
  admin: demoUsers.admin,
};

async function signInCookie(email: string): Promise<string> {
  const response = await request("/inloggen", {
    method: "POST",
    body: { email, password: DEMO_PASSWORD },
  });
  expect(response.status, `sign in as ${email}`).toBe(302);
  const session = response.headers.getSetCookie().find((cookie) => /sessie=\w/.test(cookie));
  expect(session, `session cookie for ${email}`).toBeTruthy();
  return session!.split(";")[0]!;
}

type DemoRows = {
  memberId: number;
  courseSlug: string;
  sessionId: number;
  expenseId: number;
  departmentId: number;
  feedbackEnrolmentId: number;
  outboxMailId: number;
  mailTemplate: string;
  contentSlug: string;
};

function one<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new Error(`The seeded demo database has no ${what}.`);
  return row;
}

function readDemoRows(): DemoRows {
  return withDatabase((db) => {
    const member = one(
      db.prepare("SELECT id FROM users WHERE email = ?").get(demoUsers.member.email) as
        { id: number } | undefined,
      "demo member",
    );
    // A planned session with participants, so its participant list and exports have rows.
    const session = one(
      db
        .prepare(
          `SELECT s.id, c.slug, (SELECT count(*) FROM enrolments e WHERE e.session_id = s.id) AS participants
             FROM course_sessions s JOIN courses c ON c.id = s.course_id
            WHERE s.status = 'planned' AND c.published = 1
            ORDER BY participants DESC, s.id LIMIT 1`,
        )
        .get() as { id: number; slug: string; participants: number } | undefined,
      "planned session",
    );
    expect(session.participants, "participants of the chosen session").toBeGreaterThan(0);
    // Preferably one the demo coordinator requested, as the permissions matrix has it.
    const expense = one(
      db
        .prepare(
          `SELECT id FROM expenses
            ORDER BY requested_by_id = (SELECT id FROM users WHERE email = ?) DESC, id LIMIT 1`,
        )
        .get(demoUsers.coordinator.email) as { id: number } | undefined,
      "expense",
    );
    const department = one(
      db.prepare("SELECT id FROM departments ORDER BY id LIMIT 1").get() as
        { id: number } | undefined,
      "department",
    );
    // The member's own attended enrolment; one without feedback yet shows the form itself.
    const enrolment = one(
      db
        .prepare(
          `SELECT e.id FROM enrolments e
            WHERE e.member_id = ? AND e.status = 'confirmed' AND e.attendance = 'attended'
            ORDER BY (SELECT count(*) FROM feedback f WHERE f.enrolment_id = e.id), e.id LIMIT 1`,
        )
        .get(member.id) as { id: number } | undefined,
      "attended enrolment of the demo member",
    );
    const mail = one(
      db.prepare("SELECT id, template FROM mail_outbox ORDER BY id LIMIT 1").get() as
        { id: number; template: string } | undefined,
      "outbox mail",
    );
    const page = one(
      db.prepare("SELECT slug FROM content_pages ORDER BY id LIMIT 1").get() as
        { slug: string } | undefined,
      "content page",
    );
    return {
      memberId: member.id,
      courseSlug: session.slug,
      sessionId: session.id,
      expenseId: expense.id,
      departmentId: department.id,
      feedbackEnrolmentId: enrolment.id,
      outboxMailId: mail.id,
      mailTemplate: mail.template,
      contentSlug: page.slug,
    };
  });
}

// Which table an `$id` points into, by the route's first segments.
const idOwners: [prefix: string, id: (rows: DemoRows) => number][] = [
  ["sessies.", (rows) => rows.sessionId],
  ["uitgaven.", (rows) => rows.expenseId],
  ["leden.", (rows) => rows.memberId],
  ["beheer.gebruikers.", (rows) => rows.memberId],
  ["beheer.afdelingen.", (rows) => rows.departmentId],
  ["mijn-inschrijvingen_.", (rows) => rows.feedbackEnrolmentId],
  ["ontwikkeling.postvak.", (rows) => rows.outboxMailId],
];

function realParam(file: string, name: string, rows: DemoRows): string {
  switch (name) {
    case "slug":
      return file.startsWith("catalogus.") ? rows.courseSlug : rows.contentSlug;
    case "halfjaar":
      return formatHalfYear(lastCompletedHalfYear(new Date()));
    case "template":
      return rows.mailTemplate;
    // Only a hash of a token is stored, so no real one can be read back: an unknown one is the real case.
    case "token":
      return "onbekend";
    // The splat route is the not-found page.
    case "*":
      return "bestaat/niet";
    case "id": {
      const owner = idOwners.find(([prefix]) => file.startsWith(prefix));
      if (owner) return String(owner[1](rows));
    }
  }
  throw new Error(`No real value for the param "${name}" of ${file}: add one to realParam.`);
}

/** A value no row has, for the params a 404 is meant for. */
const unknownParams: Record<string, string> = {
  id: "999999",
  slug: "bestaat-niet",
  halfjaar: "1999-H1",
  template: "bestaat-niet",
};

function paramsFor(file: string, value: (name: string) => string): Record<string, string> {
  return Object.fromEntries(paramNamesOf(file).map((name) => [name, value(name)]));
}

// What an allowed caller gets when it is not a plain 200.
const allowedGet: Record<string, { anonymous?: Outcome; signedIn?: Outcome }> = {
  // Signing out is a POST; a GET only sends you home.
  "uitloggen.tsx": {
    anonymous: { kind: "redirect", to: "/" },
    signedIn: { kind: "redirect", to: "/" },
  },
  // A signed-in user has no business on the sign-in page.
  "inloggen.tsx": { signedIn: { kind: "redirect", to: "/" } },
  // Only a hash of a token is stored, so the real case is a token that is no longer (or never) valid.
  "uitnodiging.$token.tsx": { anonymous: gone, signedIn: gone },
  "wachtwoord-herstellen.$token.tsx": { anonymous: gone, signedIn: gone },
  // The download is a POST; a GET leads back to the profile.
  "profiel.mijn-gegevens[.]json.tsx": { signedIn: { kind: "redirect", to: "/profiel" } },
};

// The harmless post: an intent no action knows, and no required field filled in. It fails
// validation (400) and writes nothing. The exceptions: signing out and signing in (as a signed-in
// user) redirect, and the data download answers with the data (it only adds a line to the audit log).
const harmlessPost = { intent: "niets" };
const allowedPost: Record<string, { anonymous?: Outcome; signedIn?: Outcome }> = {
  "uitloggen.tsx": {
    anonymous: { kind: "redirect", to: "/inloggen" },
    signedIn: { kind: "redirect", to: "/inloggen" },
  },
  "inloggen.tsx": { signedIn: { kind: "redirect", to: "/" } },
  "profiel.mijn-gegevens[.]json.tsx": { signedIn: ok },
};

function outcomeOf(
  expected: MatrixOutcome,
  allowed: { anonymous?: Outcome; signedIn?: Outcome },
  caller: Caller,
  fallback: Outcome,
): Outcome {
  switch (expected) {
    case "allowed":
      return (caller === "anonymous" ? allowed.anonymous : allowed.signedIn) ?? fallback;
    case "sign-in":
      return toSignIn;
    case "403":
      return forbidden;
    case "404":
      return notFound;
  }
}

// ---------------------------------------------------------------------------------------------

const callers = ["anonymous", ...roles] as const satisfies readonly Caller[];
const cookies = new Map<AppRole, string>();
let rows: DemoRows;

beforeAll(async () => {
  for (const role of roles) cookies.set(role, await signInCookie(demoUserOf[role].email));
  rows = readDemoRows();
});

async function cookieOf(caller: Caller, file: string): Promise<string | undefined> {
  if (caller === "anonymous") return undefined;
  // Signing out ends the session it is sent with: that post gets a session of its own.
  if (file === "uitloggen.tsx") return signInCookie(demoUserOf[caller].email);
  const cookie = cookies.get(caller);
  if (!cookie) throw new Error(`Not signed in as ${caller}.`);
  return cookie;
}

/** The document and its data request, both checked for headers and for what they answer. */
async function both(
  method: "GET" | "POST",
  file: string,
  params: Record<string, string>,
  outcome: Outcome,
  caller: Caller,
  origin?: string,
) {
  const documentPath = pathFor(file, params);
  // A post to an index route names it; without ?index it would go to the parent route.
  const index = method === "POST" && file.endsWith("_index.tsx") ? "?index" : "";
  for (const target of [documentPath, dataPathFor(documentPath)]) {
    const response = await request(target + index, {
      method,
      cookie: await cookieOf(caller, file),
      // The data request of a mail view is the app's own answer, with the app's policy.
      mailView: mailHtmlViews.has(file) && target === documentPath,
      origin,
      body: method === "POST" ? harmlessPost : undefined,
    });
    expectOutcome(response, outcome, `as ${caller}: ${method} ${target}${index}`);
  }
}

/** Everyone who may read or post: a signed-in role first, so that unknown rows are asked for as one. */
function allowedCallers(expectation: Expectation): Caller[] {
  return [...roles, "anonymous" as const].filter(
    (caller) => expectation.outcomes[caller] === "allowed",
  );
}

describe("security headers on every route", () => {
  it("every route file has an entry in the permissions matrix, stating its loader and action", () => {
    expect(routeFiles.length).toBeGreaterThan(0);
    expect(routeFiles.filter((file) => !(file in routeAccess))).toEqual([]);
    expect(Object.keys(routeAccess).filter((file) => !routeFiles.includes(file))).toEqual([]);
    for (const file of routeFiles) {
      const entry = routeAccess[file] ?? {};
      expect({ loader: Boolean(entry.loader), action: Boolean(entry.action) }, file).toEqual(
        exportsOf(file),
      );
    }
  });

  // A module without a loader (a plain page) still answers a GET, to everyone.
  const openToAll: Expectation = {
    outcomes: Object.fromEntries(
      callers.map((caller) => [caller, "allowed"]),
    ) as Expectation["outcomes"],
  };

  describe.each(routeFiles)("%s", (file) => {
    const entry = routeAccess[file] ?? {};
    const loader = entry.loader ?? openToAll;
    const action = entry.action;

    it("read as a document and as a data request, by every caller", async () => {
      const real = paramsFor(file, (name) => realParam(file, name, rows));
      for (const caller of callers) {
        const outcome = outcomeOf(loader.outcomes[caller], allowedGet[file] ?? {}, caller, ok);
        await both("GET", file, real, outcome, caller);
      }
    });

    const unknownRow = paramNamesOf(file).some((name) => name in unknownParams);
    if (unknownRow && allowedCallers(loader).length > 0) {
      it("an unknown row answers 404, as a document and as a data request", async () => {
        const caller = allowedCallers(loader)[0]!;
        const unknown = paramsFor(
          file,
          (name) => unknownParams[name] ?? realParam(file, name, rows),
        );
        await both("GET", file, unknown, notFound, caller);
      });
    }

    if (action) {
      it("posted to with input that fails validation, by every caller and from another site", async () => {
        const real = paramsFor(file, (name) => realParam(file, name, rows));
        for (const caller of callers) {
          const outcome = outcomeOf(
            action.outcomes[caller],
            allowedPost[file] ?? {},
            caller,
            invalid,
          );
          await both("POST", file, real, outcome, caller);
        }
        // Browsers leave the SameSite=Lax session cookie off a cross-site post, so this one has none.
        await both("POST", file, real, forbidden, "anonymous", "https://evil.example");
      });
    }
  });
});

describe("security headers beside the routes", () => {
  it("are on static files and on a path no route has", async () => {
    const signInPage = await fetch(`${baseUrl}/inloggen`);
    const script = /"(\/assets\/[^"]+\.js)"/.exec(await signInPage.text())?.[1];
    expect(script, "a script from /assets named by the sign-in page").toBeTruthy();
    for (const target of ["/favicon.svg", script!]) {
      const response = await request(target);
      expect(response.status, target).toBe(200);
    }
    for (const cookie of [undefined, cookies.get("admin")]) {
      for (const target of ["/bestaat/niet", "/bestaat/niet.data", "/beheer/gebruikers/abc/def"]) {
        const response = await request(target, { cookie });
        expect(response.status, target).toBe(404);
      }
    }
  });

  it("give a fresh nonce per response, and the page's scripts carry it", async () => {
    const first = await fetch(`${baseUrl}/inloggen`);
    const second = await fetch(`${baseUrl}/inloggen`);
    const nonceOf = (response: Response) =>
      /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    const nonce = nonceOf(first);
    expect(nonce).toBeTruthy();
    expect(nonceOf(second)).not.toBe(nonce);
    const html = await first.text();
    await second.arrayBuffer();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("a missing page answers in Dutch without any stack trace", async () => {
    const response = await fetch(`${baseUrl}/beheer/gebruikers/abc/def`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Pagina niet gevonden");
    expect(html).not.toMatch(/at \S+ \(.*:\d+:\d+\)/);
    expect(html).not.toContain("node_modules");
  });

  it("the header check itself refuses a missing, duplicated or weakened header, or a loosened policy", () => {
    const complete = new Headers({ ...appHeaders, "Cache-Control": "no-store" });
    complete.set(
      "Content-Security-Policy",
      contentSecurityPolicy("abc123", { development: false }),
    );
    const problemsOf = (headers: Headers, mailView = false) =>
      headerProblems(new Response(null, { headers }), { signedIn: true, mailView });
    expect(problemsOf(complete)).toEqual([]);
    for (const name of Object.keys(appHeaders)) {
      const without = new Headers(complete);
      without.delete(name);
      expect(problemsOf(without), name).not.toEqual([]);
    }
    const loosened = new Headers(complete);
    loosened.set(
      "Content-Security-Policy",
      contentSecurityPolicy("abc123", { development: false }).replace(
        "script-src 'self'",
        "script-src 'self' 'unsafe-inline'",
      ),
    );
    expect(problemsOf(loosened)).not.toEqual([]);
    const cached = new Headers(complete);
    cached.set("Cache-Control", "private, max-age=60");
    expect(problemsOf(cached)).not.toEqual([]);
    const withHsts = new Headers(complete);
    withHsts.set("Strict-Transport-Security", "max-age=1");
    expect(problemsOf(withHsts)).not.toEqual([]);
    const duplicated = new Headers(complete);
    duplicated.append("X-Frame-Options", "DENY");
    expect(problemsOf(duplicated)).not.toEqual([]);
    // A header dropped from the foundation and from the response alike is still missed.
    for (const name of Object.keys(requiredHeaders)) {
      const { [name]: _dropped, ...foundation } = appHeaders;
      const without = new Headers(complete);
      without.delete(name);
      const problems = headerProblems(
        new Response(null, { headers: without }),
        { signedIn: true, mailView: false },
        foundation,
      );
      expect(problems, name).toContain(`the foundation no longer sets ${name}`);
    }
    // The mail views may style inline, never script.
    const mailPolicy = new Headers(complete);
    mailPolicy.set(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(problemsOf(mailPolicy, true)).toEqual([]);
    expect(problemsOf(mailPolicy, false)).not.toEqual([]);
    mailPolicy.set(
      "Content-Security-Policy",
      "default-src 'none'; script-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(problemsOf(mailPolicy, true)).not.toEqual([]);
  });
});
