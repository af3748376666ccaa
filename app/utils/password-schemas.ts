// The new-password form's schema: it checks strength against the list of common passwords, so only
// the pages that set a password load it (the sign-in form does not).
import { z } from "zod";
import { passwordProblem, passwordProblemMessages } from "#app/domain/password-policy.ts";

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
