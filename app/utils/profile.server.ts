// Saving a member's own profile and registering their guild membership: each decides and writes
// in one immediate transaction, with its audit row. The audit log gets field names and dates only,
// never what a member typed about themselves.
import { writeTransaction } from "#db/client.server.ts";
import {
  canRegisterMembership,
  changedProfileFields,
  membershipProblem,
  type CalendarDate,
  type ProfileField,
} from "#app/domain/profile.ts";
import type { OgwRole } from "#app/domain/roles.ts";
import { recordAudit } from "#app/models/audit.server.ts";
import {
  findProfile,
  listExpertiseTags,
  replaceExpertiseTags,
  setGuildMembership,
  updateProfileColumns,
} from "#app/models/profiles.server.ts";

type Actor = { id: number };

export type ProfileInput = {
  team: string | null;
  introduction: string | null;
  ogwRole: OgwRole;
  expertise: readonly string[];
};

export type SaveProfileResult =
  { ok: true; changed: ProfileField[] } | { ok: false; message: string };

/**
 * Saves the signed-in member's profile. The user id comes from the session, never from the form.
 * The OGW role changes here too; enrolments keep the role they were made in.
 */
export function saveProfile(
  userId: number,
  input: ProfileInput,
  address: string,
  now = new Date(),
): SaveProfileResult {
  return writeTransaction((tx) => {
    const profile = findProfile(tx, userId);
    if (!profile) return { ok: false as const, message: "Dit account bestaat niet meer." };
    const changed = changedProfileFields(
      { ...profile, expertise: listExpertiseTags(tx, userId) },
      input,
    );
    if (changed.length === 0) return { ok: true as const, changed };
    updateProfileColumns(
      tx,
      userId,
      { team: input.team, introduction: input.introduction, ogwRole: input.ogwRole },
      now,
    );
    if (changed.includes("expertise")) replaceExpertiseTags(tx, userId, input.expertise);
    recordAudit(tx, {
      actorId: userId,
      action: "profile_updated",
      objectType: "user",
      objectId: userId,
      result: "success",
      origin: address,
      details: { fields: changed },
      at: now,
    });
    return { ok: true as const, changed };
  });
}

export type MembershipInput = { joinedOn: CalendarDate; leftOn: CalendarDate | null };

export type RegisterMembershipResult =
  | { ok: true }
  | { ok: false; kind: "not_found" }
  | { ok: false; kind: "invalid"; field: "joinedOn" | "leftOn"; message: string };

export function registerMembership(
  userId: number,
  input: MembershipInput,
  actor: Actor,
  address: string,
  now = new Date(),
): RegisterMembershipResult {
  // The form checked this already; checked again so no other caller can store a leave before a join.
  const problem = membershipProblem(input.joinedOn, input.leftOn);
  if (problem) return { ok: false, kind: "invalid", ...problem };
  return writeTransaction((tx) => {
    const profile = findProfile(tx, userId);
    if (!profile || !canRegisterMembership(profile))
      return { ok: false as const, kind: "not_found" as const };
    const before = { joinedOn: profile.guildJoinedOn, leftOn: profile.guildLeftOn };
    if (before.joinedOn === input.joinedOn && before.leftOn === input.leftOn)
      return { ok: true as const };
    setGuildMembership(
      tx,
      userId,
      { guildJoinedOn: input.joinedOn, guildLeftOn: input.leftOn },
      now,
    );
    recordAudit(tx, {
      actorId: actor.id,
      action: "membership_registered",
      objectType: "user",
      objectId: userId,
      result: "success",
      origin: address,
      details: { before, after: { joinedOn: input.joinedOn, leftOn: input.leftOn } },
      at: now,
    });
    return { ok: true as const };
  });
}
