// One-time links (invitation, password reset): how long they live and when they may be used.

export const tokenLifetimesMs = {
  invitation: 7 * 24 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
} as const;

export type TokenPurpose = keyof typeof tokenLifetimesMs;

export type TokenState = { purpose: TokenPurpose; expiresAt: Date; usedAt: Date | null };

export type TokenVerdict =
  { usable: true } | { usable: false; reason: "used" | "expired" | "wrong_purpose" };

export function tokenExpiry(purpose: TokenPurpose, now: Date): Date {
  return new Date(now.getTime() + tokenLifetimesMs[purpose]);
}

export function judgeToken(
  token: TokenState,
  expectedPurpose: TokenPurpose,
  now: Date,
): TokenVerdict {
  if (token.purpose !== expectedPurpose) return { usable: false, reason: "wrong_purpose" };
  if (token.usedAt !== null) return { usable: false, reason: "used" };
  if (now.getTime() >= token.expiresAt.getTime()) return { usable: false, reason: "expired" };
  return { usable: true };
}

export const tokenProblemMessages: Record<"used" | "expired" | "unknown", string> = {
  used: "Deze link is al gebruikt. Vraag zo nodig een nieuwe aan.",
  expired: "Deze link is verlopen. Vraag een nieuwe aan.",
  unknown: "Deze link is niet geldig. Controleer of u de hele link uit de e-mail hebt gebruikt.",
};
