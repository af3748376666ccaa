// The password length range and the messages of the password rules, without the list of common
// passwords, so that a form can show them without sending that list to the browser.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = "too_short" | "too_long" | "common";

export const passwordProblemMessages: Record<PasswordProblem, string> = {
  too_short: `Kies een wachtwoord van minstens ${PASSWORD_MIN_LENGTH} tekens.`,
  too_long: `Kies een wachtwoord van hoogstens ${PASSWORD_MAX_LENGTH} tekens.`,
  common: "Dit wachtwoord komt voor in lijsten van veelgebruikte wachtwoorden. Kies een ander.",
};
