// The schemas of the sign-in, reset-request and user-administration forms, for the actions and for
// the browser, which loads them after hydration (ADR 011). No password-strength check here: the
// sign-in form must not load the list of common passwords.
import { z } from "zod";
import { appRoles, ogwRoles } from "#app/domain/roles.ts";
import { emailField, personName, signInPasswordField } from "./schemas.ts";

export const signInSchema = z.object({
  email: emailField,
  password: signInPasswordField,
  terug: z.string().optional(),
});

export const resetRequestSchema = z.object({ email: emailField });

export const inviteUserSchema = z.object({
  name: personName,
  email: emailField,
  departmentId: z.number({ error: "Kies een afdeling." }).int().positive("Kies een afdeling."),
  ogwRole: z.enum(ogwRoles, { error: "Kies een OGW-rol." }),
  appRole: z.enum(appRoles, { error: "Kies een rol in de app." }),
});

export const changeRoleSchema = z.object({
  intent: z.literal("change_role"),
  appRole: z.enum(appRoles, { error: "Kies een rol in de app." }),
});

/** Typing the member's current name confirms that the administrator means this member. */
export function anonymiseSchema(currentName: string) {
  return z.object({
    intent: z.literal("anonymise"),
    confirmName: z
      .string({ error: "Typ de naam van het lid om te bevestigen." })
      .trim()
      .refine((value) => value === currentName.trim(), {
        message: "Dit is niet de naam van dit lid. Typ de naam precies zoals die bovenaan staat.",
      }),
  });
}
