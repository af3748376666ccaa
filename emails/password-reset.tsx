// Password reset: a one-time link, valid for a short while, to choose a new password.
import { tokenLifetimesMs } from "#app/domain/one-time-token.ts";
import { formatDutchDateTime, formatDutchDuration } from "./components/format.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export type PasswordResetEmailProps = {
  name: string;
  link: string;
  expiresAt: Date;
};

export const passwordResetSubject = "Nieuw wachtwoord instellen voor het Gildeportaal OGW";

export function PasswordResetEmail({ name, link, expiresAt }: PasswordResetEmailProps) {
  return (
    <EmailLayout
      title="Nieuw wachtwoord instellen"
      preview="Via de link in deze e-mail stelt u een nieuw wachtwoord in voor het Gildeportaal OGW."
      reason="U ontvangt deze e-mail omdat voor uw e-mailadres een nieuw wachtwoord is aangevraagd in het Gildeportaal OGW van de gemeente Huizen."
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <EmailParagraph>
        U hebt gevraagd om een nieuw wachtwoord voor uw account in het Gildeportaal OGW. Met de knop
        hieronder kiest u een nieuw wachtwoord.
      </EmailParagraph>
      <EmailAction href={link} label="Nieuw wachtwoord instellen" />
      <EmailParagraph>
        Deze link is {formatDutchDuration(tokenLifetimesMs.password_reset)} geldig, tot{" "}
        {formatDutchDateTime(expiresAt)}, en werkt één keer.
      </EmailParagraph>
      <EmailParagraph>
        Hebt u dit niet aangevraagd? Dan kunt u deze e-mail negeren. Uw wachtwoord blijft dan gewoon
        hetzelfde.
      </EmailParagraph>
    </EmailLayout>
  );
}

export const previewProps: PasswordResetEmailProps = {
  name: "Anne de Vries",
  link: "http://localhost:3000/wachtwoord-herstellen/voorbeeld-token",
  expiresAt: new Date("2025-03-14T16:30:00.000Z"),
};
