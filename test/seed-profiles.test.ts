// The demo's member profiles: everyone a team, an introduction and expertise, a membership date,
// two former members, and a second seed that leaves every profile as it is.
import { and, eq, gt, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { courseSessions, enrolments, memberExpertise, users } from "#db/schema.ts";
import { demoAccounts, seed } from "#db/seed.ts";
import { secondDemoCoordinator } from "#db/seed-budget.ts";
import { colleagueEmail, demoColleagues } from "#db/seed-enrolments.ts";
import { demoProfiles, GUILD_FOUNDED_ON, seedProfiles } from "#db/seed-profiles.ts";
import {
  INTRODUCTION_MAX,
  membershipStanding,
  TAG_MAX,
  TAG_MIN,
  TEAM_MAX,
} from "#app/domain/profile.ts";
import { utcToAmsterdamLocal } from "#app/domain/time.ts";

const accounts = [...demoAccounts, secondDemoCoordinator];
const emails = [
  ...accounts.map((account) => account.email),
  ...demoColleagues.map((colleague) => colleagueEmail(colleague.name)),
];

/** Everything of the demo people's profiles, in a fixed order, for comparing before and after. */
function snapshot() {
  const db = getDb();
  const people = db
    .select({
      id: users.id,
      email: users.email,
      team: users.team,
      introduction: users.introduction,
      guildJoinedOn: users.guildJoinedOn,
      guildLeftOn: users.guildLeftOn,
    })
    .from(users)
    .where(inArray(users.email, emails))
    .orderBy(users.email)
    .all();
  const tags = db
    .select()
    .from(memberExpertise)
    .orderBy(memberExpertise.userId, memberExpertise.tag)
    .all();
  return people.map((person) => ({
    ...person,
    tags: tags.filter((row) => row.userId === person.id).map((row) => row.tag),
  }));
}

function clearProfile(userId: number) {
  const db = getDb();
  db.update(users).set({ team: null, introduction: null }).where(eq(users.id, userId)).run();
  db.delete(memberExpertise).where(eq(memberExpertise.userId, userId)).run();
}

const today = utcToAmsterdamLocal(new Date()).slice(0, 10);

/** The same day a month back (clamped to the month's end), as the seed counts it. */
function monthAgo(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(year, month - 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 2, Math.min(day, last))).toISOString().slice(0, 10);
}

describe("seedProfiles in demo mode (through seed)", () => {
  it("gives every demo account and colleague a profile, and two of them have left", async () => {
    const first = await seed();
    const people = snapshot();
    expect(people).toHaveLength(emails.length);
    expect(first.profilesFilled).toBe(emails.length);
    // One profile per person: no demo person is left out, and no profile is for nobody.
    expect(new Set(demoProfiles.map((profile) => profile.name))).toEqual(
      new Set([...accounts, ...demoColleagues].map((person) => person.name)),
    );

    for (const person of people) {
      const label = person.email;
      expect(person.team, label).toMatch(/^Team |^College /);
      expect(person.team!.length, label).toBeLessThanOrEqual(TEAM_MAX);
      // Dutch, first person, one to three sentences.
      const introduction = person.introduction!;
      expect(introduction.length, label).toBeLessThanOrEqual(INTRODUCTION_MAX);
      expect(introduction, label).toMatch(/\b(Ik|ik)\b/);
      const sentences = introduction.split(/(?<=[.?!])\s+/);
      expect(sentences.length, label).toBeGreaterThanOrEqual(1);
      expect(sentences.length, label).toBeLessThanOrEqual(3);

      expect(person.tags.length, label).toBeGreaterThanOrEqual(2);
      expect(person.tags.length, label).toBeLessThanOrEqual(5);
      for (const tag of person.tags) {
        expect(tag.length, `${label}: ${tag}`).toBeGreaterThanOrEqual(TAG_MIN);
        expect(tag.length, `${label}: ${tag}`).toBeLessThanOrEqual(TAG_MAX);
        expect(tag, `${label}: ${tag}`).toBe(tag.trim());
      }

      expect(person.guildJoinedOn, label).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(person.guildJoinedOn! >= GUILD_FOUNDED_ON, label).toBe(true);
      expect(person.guildJoinedOn! <= monthAgo(today), label).toBe(true);
    }
    // A living directory: several teams, and expertise that colleagues share.
    expect(new Set(people.map((person) => person.team)).size).toBeGreaterThanOrEqual(15);
    const allTags = people.flatMap((person) => person.tags);
    expect(allTags).toEqual(expect.arrayContaining(["omgevingswet", "stakeholderanalyse"]));
    expect(new Set(allTags).size).toBeLessThan(allTags.length);
    // The guild's coordinator has been there from the start.
    const coordinator = people.find(
      (person) => person.email === accounts.find((a) => a.appRole === "coordinator")!.email,
    );
    expect(coordinator?.guildJoinedOn).toBe(GUILD_FOUNDED_ON);

    // ---- Two former members: colleagues, left in the past, after their last session ----
    const former = people.filter(
      (person) => membershipStanding(person.guildJoinedOn, person.guildLeftOn, today) === "former",
    );
    expect(former).toHaveLength(2);
    expect(people.filter((person) => person.guildLeftOn !== null)).toHaveLength(2);
    const db = getDb();
    for (const person of former) {
      expect(accounts.map((account) => account.email)).not.toContain(person.email);
      expect(person.guildLeftOn! < today).toBe(true);
      expect(person.guildLeftOn! >= person.guildJoinedOn!).toBe(true);
      const upcoming = db
        .select({ id: enrolments.id })
        .from(enrolments)
        .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
        .where(
          and(
            eq(enrolments.memberId, person.id),
            inArray(enrolments.status, ["confirmed", "waitlisted", "requested"]),
            gt(courseSessions.startsAt, new Date().toISOString()),
          ),
        )
        .all();
      expect(upcoming, `${person.email} has nothing to come`).toEqual([]);
    }

    // ---- A second seed changes nothing ----
    const second = await seed();
    expect(second.profilesFilled).toBe(0);
    expect(snapshot()).toEqual(people);
  });

  it("makes the same choices every time", async () => {
    await seed();
    const before = snapshot();
    const db = getDb();
    for (const person of before) {
      clearProfile(person.id);
      db.update(users)
        .set({ guildJoinedOn: null, guildLeftOn: null })
        .where(eq(users.id, person.id))
        .run();
    }
    expect(seedProfiles().profilesFilled).toBe(before.length);
    expect(snapshot()).toEqual(before);
  });
  it("leaves a profile someone has started alone, and fills one that is empty again", async () => {
    await seed();
    const before = snapshot();
    const member = before.find(
      (person) => person.email === accounts.find((a) => a.appRole === "member")!.email,
    )!;
    const colleague = before.find(
      (person) => person.email === colleagueEmail("Lotte van den Berg"),
    )!;
    const db = getDb();
    // A member who kept only a team of their own.
    clearProfile(member.id);
    db.update(users).set({ team: "Mijn eigen team" }).where(eq(users.id, member.id)).run();
    // A colleague whose profile was emptied; the coordinator's membership dates stay.
    clearProfile(colleague.id);

    expect(seedProfiles()).toEqual({ profilesFilled: 1 });
    const after = snapshot();
    expect(after.find((person) => person.id === member.id)).toEqual({
      ...member,
      team: "Mijn eigen team",
      introduction: null,
      tags: [],
    });
    expect(after.find((person) => person.id === colleague.id)).toEqual(colleague);
    expect(after.filter((person) => person.guildLeftOn !== null)).toHaveLength(2);
  });
});
