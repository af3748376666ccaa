// Field schemas shared by several forms, on the server and in the browser. The new-password check,
// with its list of common passwords, is in password-schemas.ts, away from the sign-in form.
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, passwordProblemMessages } from "#app/domain/password-limits.ts";

export const emailField = z
  .string({ error: "Vul een e-mailadres in." })
  .trim()
  .max(254, "Dit e-mailadres is te lang.")
  .pipe(z.email({ error: "Vul een geldig e-mailadres in, bijvoorbeeld naam@huizen.nl." }));

export const signInPasswordField = z
  .string({ error: "Vul uw wachtwoord in." })
  .max(PASSWORD_MAX_LENGTH, passwordProblemMessages.too_long);

export const personName = z
  .string({ error: "Vul de naam in." })
  .trim()
  .min(2, "Vul de volledige naam in.")
  .max(120, "Een naam is hoogstens 120 tekens.");
