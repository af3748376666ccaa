// The rush: 1 000 members post "inschrijven" for a session with 20 seats at the same moment, through
// the session page's action. Exactly 20 are confirmed, the rest waitlisted in the order their
// transactions were accepted, nobody twice, no errors; 5 cancellations then promote the next 5.
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { enrolments, mailOutbox, users } from "#db/schema.ts";
import { listWaitlist } from "#app/models/enrolments.server.ts";
import { insertUser } from "#app/models/users.server.ts";
import { action } from "#app/routes/sessies.$id.tsx";
import { createSession } from "#test/enrolment-fixtures.ts";
import {
  appRequest,
  ensureDepartment,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
} from "#test/factories.ts";

const RUSH = 1_000;
const SEATS = 20;

type Member = { id: number; cookie: string };
let rushers: Member[];

beforeAll(() => {
  const db = getDb();
  const departmentId = ensureDepartment();
  // Straight through the model: 1 000 sign-ins need a session each, not a password.
  rushers = db.transaction((tx) =>
    Array.from({ length: RUSH }, (_, index) => {
      const user = insertUser(tx as never, {
        email: `rush-${index}@gilde.example`,
        name: `Deelnemer ${index}`,
        departmentId,
        ogwRole: "employee",
        appRole: "member",
        status: "active",
      });
      return { id: user.id, cookie: "" };
    }),
  );
  for (const member of rushers) member.cookie = sessionCookieFor(member.id);
}, 60_000);

function post(sessionId: number, member: Member, form: Record<string, string>) {
  return settle(() =>
    action({
      request: appRequest(`/sessies/${sessionId}`, { cookie: member.cookie, form }),
      params: { id: String(sessionId) },
      context: testContext,
    }),
  );
}

function rowsOf(sessionId: number) {
  return getDb()
    .select()
    .from(enrolments)
    .where(eq(enrolments.sessionId, sessionId))
    .orderBy(asc(enrolments.id))
    .all();
}

describe("1 000 enrolments at once for 20 seats", () => {
  it("confirms exactly 20, waitlists the rest in order of acceptance, and promotes the next 5 after 5 cancellations", async () => {
    const { session } = createSession({ capacity: SEATS });

    const answers = await Promise.all(
      rushers.map((member) => post(session.id, member, { intent: "enrol" })),
    );
    // Every request answered with a redirect back to the page: no errors, no refusals.
    expect(answers.map((answer) => statusOf(answer))).toEqual(Array(RUSH).fill(302));

    const rows = rowsOf(session.id);
    expect(rows).toHaveLength(RUSH);
    expect(new Set(rows.map((row) => row.memberId)).size).toBe(RUSH);
    const confirmed = rows.filter((row) => row.status === "confirmed");
    const waitlisted = rows.filter((row) => row.status === "waitlisted");
    expect(confirmed).toHaveLength(SEATS);
    expect(waitlisted).toHaveLength(RUSH - SEATS);

    // Accepted in id order: the first 20 transactions got the seats, and the waitlist order
    // (enrolment time, then id) is the order in which the transactions ran.
    expect(confirmed.map((row) => row.id)).toEqual(rows.slice(0, SEATS).map((row) => row.id));
    const times = rows.map((row) => row.enrolledAt);
    expect(times).toEqual([...times].sort());
    const queue = listWaitlist(getDb(), session.id);
    expect(queue.map((row) => row.id)).toEqual(waitlisted.map((row) => row.id));

    // Every member got exactly one mail about it: 20 confirmations, 980 waitlist notices.
    const mails = getDb()
      .select({ toUserId: mailOutbox.toUserId, template: mailOutbox.template })
      .from(mailOutbox)
      .innerJoin(users, eq(users.id, mailOutbox.toUserId))
      .all()
      .filter((mail) => rushers.some((member) => member.id === mail.toUserId));
    expect(mails.filter((mail) => mail.template === "enrolment_confirmed")).toHaveLength(SEATS);
    expect(mails.filter((mail) => mail.template === "enrolment_waitlisted")).toHaveLength(
      RUSH - SEATS,
    );

    // Five confirmed members cancel at the same moment.
    const byId = new Map(rushers.map((member) => [member.id, member]));
    const leaving = confirmed.slice(3, 8);
    const cancellations = await Promise.all(
      leaving.map((row) =>
        post(session.id, byId.get(row.memberId)!, {
          intent: "cancel",
          enrolmentId: String(row.id),
        }),
      ),
    );
    expect(cancellations.map((answer) => statusOf(answer))).toEqual(Array(5).fill(302));

    const after = rowsOf(session.id);
    const nextFive = queue.slice(0, 5).map((row) => row.id);
    const nowConfirmed = after.filter((row) => row.status === "confirmed").map((row) => row.id);
    expect(nowConfirmed).toHaveLength(SEATS);
    expect(nowConfirmed).toEqual(expect.arrayContaining(nextFive));
    expect(after.filter((row) => row.status === "cancelled").map((row) => row.id)).toEqual(
      leaving.map((row) => row.id),
    );
    expect(listWaitlist(getDb(), session.id).map((row) => row.id)).toEqual(
      queue.slice(5).map((row) => row.id),
    );
    for (const id of nextFive) {
      const promoted = after.find((row) => row.id === id)!;
      expect(promoted.promotedAt).not.toBeNull();
      const told = getDb()
        .select({ template: mailOutbox.template })
        .from(mailOutbox)
        .where(eq(mailOutbox.toUserId, promoted.memberId))
        .all()
        .map((mail) => mail.template);
      expect(told).toEqual(["enrolment_waitlisted", "enrolment_confirmed"]);
    }
  }, 120_000);
});
