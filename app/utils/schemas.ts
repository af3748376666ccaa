// Field schemas shared by several forms, on the server and in the browser.
import { z } from "zod";
import {
  PASSWORD_MAX_LENGTH,
  passwordProblem,
  passwordProblemMessages,
} from "#app/domain/password-policy.ts";

export const emailField = z
  .string({ error: "Vul een e-mailadres in." })
  .trim()
  .max(254, "Dit e-mailadres is te lang.")
  .pipe(z.email({ error: "Vul een geldig e-mailadres in, bijvoorbeeld naam@huizen.nl." }));

export const signInPasswordField = z
  .string({ error: "Vul uw wachtwoord in." })
  .max(PASSWORD_MAX_LENGTH, passwordProblemMessages.too_long);

export const newPasswordFields = z
  .object({
    password: z.string({ error: "Kies een wachtwoord." }).superRefine((value, ctx) => {
      const problem = passwordProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: passwordProblemMessages[problem] });
    }),
    confirmPassword: z.string({ error: "Herhaal het wachtwoord." }),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "De twee wachtwoorden zijn niet gelijk.",
  });

export const personName = z
  .string({ error: "Vul de naam in." })
  .trim()
  .min(2, "Vul de volledige naam in.")
  .max(120, "Een naam is hoogstens 120 tekens.");
