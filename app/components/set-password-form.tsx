// The form behind an invitation or reset link: a new password, typed twice.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { PASSWORD_MIN_LENGTH } from "#app/domain/password-limits.ts";
import {
  FormErrors,
  SubmitButton,
  TextField,
  useAnswerCount,
  useDeferredValidation,
  validationTiming,
} from "./forms.tsx";

/**
 * The new-password schema (with its list of common passwords) and conform's parser, fetched after
 * hydration (ADR 011).
 */
async function loadPasswordValidation() {
  const [{ parseWithZod }, { newPasswordFields }] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/password-schemas.ts"),
  ]);
  return { parseWithZod, newPasswordFields };
}

export function SetPasswordForm({
  lastResult,
  email,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  email: string;
  submitLabel: string;
}) {
  const validation = useDeferredValidation(loadPasswordValidation);
  const [form, fields] = useForm({
    id: "wachtwoord-instellen",
    lastResult,
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.newPasswordFields })
      : undefined,
  });
  const answers = useAnswerCount(lastResult);
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {/* Lets password managers store the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField
        key={`password-${answers}`}
        field={fields.password}
        label="Nieuw wachtwoord"
        type="password"
        autoComplete="new-password"
        hint={`Minstens ${PASSWORD_MIN_LENGTH} tekens. Een zin van een paar woorden is sterk en goed te onthouden.`}
        required
      />
      <TextField
        key={`confirm-${answers}`}
        field={fields.confirmPassword}
        label="Herhaal het nieuwe wachtwoord"
        type="password"
        autoComplete="new-password"
        required
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
