// Account flows: sign-in, invitations, password resets and the administrator's changes to a user.
// Each flow renders its mail first, then decides and writes in one immediate transaction.
import { getDb, writeTransaction, type Db } from "#db/client.server.ts";
import { isSignInThrottled, throttleWindowStart } from "#app/domain/throttle.ts";
import { judgeToken, tokenExpiry, type TokenPurpose } from "#app/domain/one-time-token.ts";
import type { AppRole, OgwRole } from "#app/domain/roles.ts";
import { countAuditSince, recordAudit } from "#app/models/audit.server.ts";
import {
  expireOpenTokens,
  findOneTimeToken,
  findUserByEmail,
  findUserById,
  getPasswordHash,
  insertOneTimeToken,
  insertUser,
  markOneTimeTokenUsed,
  normaliseEmail,
  setPasswordHash,
  updateUser,
  type User,
} from "#app/models/users.server.ts";
import { queueMail } from "#app/mail/outbox.server.ts";
import { renderInvitationMail, renderPasswordResetMail } from "#app/mail/templates.server.ts";
import { generateToken, hashToken } from "./crypto-token.server.ts";
import { getEnv } from "./env.server.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server.ts";
import { createLoginSession, invalidateUserSessions } from "./session.server.ts";

type Actor = { id: number; name: string };

/** Failed sign-ins are logged under a hash of the e-mail, so the log holds no address typed by a stranger. */
export function emailKey(email: string): string {
  return hashToken(normaliseEmail(email));
}

export type SignInResult =
  | { kind: "throttled" }
  | { kind: "invalid" }
  | { kind: "deactivated" }
  | { kind: "success"; token: string; user: User };

export async function attemptSignIn(input: {
  email: string;
  password: string;
  address: string;
  now?: Date;
}): Promise<SignInResult> {
  const db = getDb();
  const now = input.now ?? new Date();
  const key = emailKey(input.email);
  const since = throttleWindowStart(now);
  const failures = {
    forEmail: countAuditSince(db, { action: "sign_in", result: "failure", objectId: key, since }),
    forAddress: countAuditSince(db, {
      action: "sign_in",
      result: "failure",
      origin: input.address,
      since,
    }),
  };
  if (isSignInThrottled(failures)) {
    recordAudit(db, {
      actorId: null,
      action: "sign_in",
      objectType: "email",
      objectId: key,
      result: "denied",
      origin: input.address,
      details: { reason: "throttled" },
      at: now,
    });
    return { kind: "throttled" };
  }

  const user = findUserByEmail(db, input.email);
  const stored = user ? getPasswordHash(db, user.id) : undefined;
  let passwordOk = false;
  if (stored) passwordOk = await verifyPassword(stored, input.password);
  else await verifyAgainstDummy(input.password);

  if (!user || !passwordOk) {
    recordAudit(db, {
      actorId: null,
      action: "sign_in",
      objectType: "email",
      objectId: key,
      result: "failure",
      origin: input.address,
      at: now,
    });
    return { kind: "invalid" };
  }
  if (user.status !== "active") {
    recordAudit(db, {
      actorId: user.id,
      action: "sign_in",
      objectType: "user",
      objectId: user.id,
      result: "denied",
      origin: input.address,
      details: { reason: user.status },
      at: now,
    });
    return { kind: "deactivated" };
  }
  const { token } = writeTransaction((tx) => {
    const session = createLoginSession(tx, user.id, now);
    recordAudit(tx, {
      actorId: user.id,
      action: "sign_in",
      objectType: "user",
      objectId: user.id,
      result: "success",
      origin: input.address,
      at: now,
    });
    return session;
  });
  return { kind: "success", token, user };
}

export function recordSignOut(db: Db, userId: number, address: string) {
  recordAudit(db, {
    actorId: userId,
    action: "sign_out",
    objectType: "user",
    objectId: userId,
    result: "success",
    origin: address,
  });
}

function linkFor(path: string): string {
  return new URL(path, getEnv().APP_URL).toString();
}

export type InviteInput = {
  name: string;
  email: string;
  departmentId: number;
  ogwRole: OgwRole;
  appRole: AppRole;
};

export type FlowResult<T = undefined> =
  { ok: true; value: T } | { ok: false; field?: string; message: string };

export const duplicateEmailMessage = "Er bestaat al een account met dit e-mailadres.";

export async function inviteUser(
  input: InviteInput,
  actor: Actor,
  address: string,
  now = new Date(),
): Promise<FlowResult<{ userId: number }>> {
  const db = getDb();
  if (findUserByEmail(db, input.email))
    return { ok: false, field: "email", message: duplicateEmailMessage };
  const token = generateToken();
  const expiresAt = tokenExpiry("invitation", now);
  const mail = await renderInvitationMail({
    to: normaliseEmail(input.email),
    toUserId: null,
    name: input.name,
    invitedByName: actor.name,
    link: linkFor(`/uitnodiging/${token}`),
    expiresAt,
  });
  return writeTransaction((tx) => {
    // Checked again inside the transaction: two administrators may invite the same person at once.
    if (findUserByEmail(tx, input.email)) {
      return { ok: false as const, field: "email", message: duplicateEmailMessage };
    }
    const user = insertUser(tx, { ...input, status: "invited" });
    insertOneTimeToken(tx, {
      id: hashToken(token),
      userId: user.id,
      purpose: "invitation",
      createdAt: now,
      expiresAt,
    });
    queueMail(tx, { ...mail, toUserId: user.id });
    recordAudit(tx, {
      actorId: actor.id,
      action: "user_invited",
      objectType: "user",
      objectId: user.id,
      result: "success",
      origin: address,
      details: {
        after: { appRole: input.appRole, ogwRole: input.ogwRole, departmentId: input.departmentId },
      },
      at: now,
    });
    return { ok: true as const, value: { userId: user.id } };
  });
}

export async function resendInvitation(
  userId: number,
  actor: Actor,
  address: string,
  now = new Date(),
): Promise<FlowResult> {
  const db = getDb();
  const user = findUserById(db, userId);
  if (!user || user.status !== "invited") {
    return {
      ok: false,
      message: "Alleen een uitgenodigde gebruiker kan een nieuwe uitnodiging krijgen.",
    };
  }
  const token = generateToken();
  const expiresAt = tokenExpiry("invitation", now);
  const mail = await renderInvitationMail({
    to: user.email,
    toUserId: user.id,
    name: user.name,
    invitedByName: actor.name,
    link: linkFor(`/uitnodiging/${token}`),
    expiresAt,
  });
  writeTransaction((tx) => {
    expireOpenTokens(tx, user.id, "invitation", now);
    insertOneTimeToken(tx, {
      id: hashToken(token),
      userId: user.id,
      purpose: "invitation",
      createdAt: now,
      expiresAt,
    });
    queueMail(tx, mail);
    recordAudit(tx, {
      actorId: actor.id,
      action: "user_invitation_resent",
      objectType: "user",
      objectId: user.id,
      result: "success",
      origin: address,
      at: now,
    });
  });
  return { ok: true, value: undefined };
}

export type TokenProblem = "unknown" | "used" | "expired";

/** Looks up a link's token without using it, for showing the form or the reason it cannot be used. */
export function inspectToken(
  token: string,
  purpose: TokenPurpose,
  now = new Date(),
): { ok: true; user: User } | { ok: false; problem: TokenProblem } {
  const db = getDb();
  return checkToken(db, token, purpose, now);
}

function checkToken(
  db: Db,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): { ok: true; user: User } | { ok: false; problem: TokenProblem } {
  const row = findOneTimeToken(db, hashToken(token));
  if (!row) return { ok: false, problem: "unknown" };
  const verdict = judgeToken(
    {
      purpose: row.purpose,
      expiresAt: new Date(row.expiresAt),
      usedAt: row.usedAt ? new Date(row.usedAt) : null,
    },
    purpose,
    now,
  );
  if (!verdict.usable)
    return { ok: false, problem: verdict.reason === "wrong_purpose" ? "unknown" : verdict.reason };
  const user = findUserById(db, row.userId);
  if (!user) return { ok: false, problem: "unknown" };
  const expectedStatus = purpose === "invitation" ? "invited" : "active";
  if (user.status !== expectedStatus) return { ok: false, problem: "used" };
  return { ok: true, user };
}

/** Sets a password through an invitation or reset link; the token is spent in the same transaction. */
export async function setPasswordWithToken(
  token: string,
  purpose: TokenPurpose,
  password: string,
  address: string,
  now = new Date(),
): Promise<{ ok: true; user: User } | { ok: false; problem: TokenProblem }> {
  // Fail fast before the expensive hash; the transaction checks again.
  const first = inspectToken(token, purpose, now);
  if (!first.ok) {
    auditTokenRefusal(getDb(), purpose, first.problem, address, now);
    return first;
  }
  const hash = await hashPassword(password);
  return writeTransaction((tx) => {
    const checked = checkToken(tx, token, purpose, now);
    if (!checked.ok) {
      auditTokenRefusal(tx, purpose, checked.problem, address, now);
      return checked;
    }
    if (!markOneTimeTokenUsed(tx, hashToken(token), now)) {
      auditTokenRefusal(tx, purpose, "used", address, now);
      return { ok: false as const, problem: "used" as const };
    }
    setPasswordHash(tx, checked.user.id, hash, now);
    if (purpose === "invitation") updateUser(tx, checked.user.id, { status: "active" }, now);
    // A new password ends every session that the old one opened.
    invalidateUserSessions(tx, checked.user.id);
    recordAudit(tx, {
      actorId: checked.user.id,
      action: purpose === "invitation" ? "invitation_accepted" : "password_reset",
      objectType: "user",
      objectId: checked.user.id,
      result: "success",
      origin: address,
      at: now,
    });
    return { ok: true as const, user: checked.user };
  });
}

/** A refused link is logged without the token: it would be a usable secret in the audit log. */
function auditTokenRefusal(
  db: Db,
  purpose: TokenPurpose,
  problem: TokenProblem,
  address: string,
  now: Date,
) {
  recordAudit(db, {
    actorId: null,
    action: purpose === "invitation" ? "invitation_accepted" : "password_reset",
    objectType: "one_time_token",
    objectId: null,
    result: "failure",
    origin: address,
    details: { reason: problem },
    at: now,
  });
}

/** Always answers the same to the caller; only an active account gets a mail. */
export async function requestPasswordReset(email: string, address: string, now = new Date()) {
  const db = getDb();
  const user = findUserByEmail(db, email);
  if (!user || user.status !== "active") {
    recordAudit(db, {
      actorId: null,
      action: "password_reset_requested",
      objectType: "email",
      objectId: emailKey(email),
      result: "failure",
      origin: address,
      at: now,
    });
    return;
  }
  const token = generateToken();
  const expiresAt = tokenExpiry("password_reset", now);
  const mail = await renderPasswordResetMail({
    to: user.email,
    toUserId: user.id,
    name: user.name,
    link: linkFor(`/wachtwoord-herstellen/${token}`),
    expiresAt,
  });
  writeTransaction((tx) => {
    expireOpenTokens(tx, user.id, "password_reset", now);
    insertOneTimeToken(tx, {
      id: hashToken(token),
      userId: user.id,
      purpose: "password_reset",
      createdAt: now,
      expiresAt,
    });
    queueMail(tx, mail);
    recordAudit(tx, {
      actorId: user.id,
      action: "password_reset_requested",
      objectType: "user",
      objectId: user.id,
      result: "success",
      origin: address,
      at: now,
    });
  });
}

export const selfChangeMessage =
  "U kunt uw eigen account hier niet wijzigen; vraag een andere beheerder.";

export function changeAppRole(
  userId: number,
  appRole: AppRole,
  actor: Actor,
  address: string,
  now = new Date(),
): FlowResult {
  if (userId === actor.id) return { ok: false, field: "appRole", message: selfChangeMessage };
  return writeTransaction((tx) => {
    const user = findUserById(tx, userId);
    if (!user) return { ok: false as const, message: "Deze gebruiker bestaat niet." };
    if (user.appRole === appRole) return { ok: true as const, value: undefined };
    updateUser(tx, userId, { appRole }, now);
    invalidateUserSessions(tx, userId);
    recordAudit(tx, {
      actorId: actor.id,
      action: "user_role_changed",
      objectType: "user",
      objectId: userId,
      result: "success",
      origin: address,
      details: { before: { appRole: user.appRole }, after: { appRole } },
      at: now,
    });
    return { ok: true as const, value: undefined };
  });
}

export function setUserActive(
  userId: number,
  active: boolean,
  actor: Actor,
  address: string,
  now = new Date(),
): FlowResult {
  if (userId === actor.id) return { ok: false, message: selfChangeMessage };
  return writeTransaction((tx) => {
    const user = findUserById(tx, userId);
    if (!user) return { ok: false as const, message: "Deze gebruiker bestaat niet." };
    if (active) {
      if (user.status !== "deactivated") return { ok: true as const, value: undefined };
      const status = getPasswordHash(tx, userId) ? "active" : "invited";
      updateUser(tx, userId, { status, deactivatedAt: null }, now);
    } else {
      if (user.status === "deactivated") return { ok: true as const, value: undefined };
      updateUser(tx, userId, { status: "deactivated", deactivatedAt: now.toISOString() }, now);
      invalidateUserSessions(tx, userId);
      expireOpenTokens(tx, userId, "invitation", now);
      expireOpenTokens(tx, userId, "password_reset", now);
    }
    recordAudit(tx, {
      actorId: actor.id,
      action: active ? "user_reactivated" : "user_deactivated",
      objectType: "user",
      objectId: userId,
      result: "success",
      origin: address,
      details: {
        before: { status: user.status },
        after: { status: active ? "active" : "deactivated" },
      },
      at: now,
    });
    return { ok: true as const, value: undefined };
  });
}
