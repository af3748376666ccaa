// Password rules (in line with NIST SP 800-63B): a length range, no composition rules, no common passwords.
import commonPasswords from "./common-passwords.json" with { type: "json" };

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const common = new Set<string>(commonPasswords);

export type PasswordProblem = "too_short" | "too_long" | "common";

export const passwordProblemMessages: Record<PasswordProblem, string> = {
  too_short: `Kies een wachtwoord van minstens ${PASSWORD_MIN_LENGTH} tekens.`,
  too_long: `Kies een wachtwoord van hoogstens ${PASSWORD_MAX_LENGTH} tekens.`,
  common: "Dit wachtwoord komt voor in lijsten van veelgebruikte wachtwoorden. Kies een ander.",
};

/** Length counts characters as a person sees them, not UTF-16 units. */
export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  if (common.has(password.trim().toLowerCase())) return "common";
  return null;
}
