// Password rules (in line with NIST SP 800-63B): a length range, no composition rules, no common passwords.
import commonPasswords from "./common-passwords.json" with { type: "json" };
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordProblem,
} from "./password-limits.ts";

export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblemMessages,
  type PasswordProblem,
} from "./password-limits.ts";

const common = new Set<string>(commonPasswords);

/** Length counts characters as a person sees them, not UTF-16 units. */
export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  if (common.has(password.trim().toLowerCase())) return "common";
  return null;
}
