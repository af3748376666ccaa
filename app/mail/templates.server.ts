// Turns a template and its data into a RenderedMail, ready for queueMail inside a write transaction.
// Adding a message: a component in emails/, an entry in MailPropsByTemplate and mailTemplates, and a
// render function below; the development preview page picks it up from mailTemplates.
import { createElement, type ReactElement } from "react";
import { render, toPlainText } from "@react-email/render";
import {
  InvitationEmail,
  invitationSubject,
  previewProps as invitationPreview,
  type InvitationEmailProps,
} from "#emails/invitation.tsx";
import {
  PasswordResetEmail,
  passwordResetSubject,
  previewProps as passwordResetPreview,
  type PasswordResetEmailProps,
} from "#emails/password-reset.tsx";
import {
  BudgetWarningEmail,
  budgetWarningSubject,
  previewProps as budgetWarningPreview,
  type BudgetWarningEmailProps,
} from "#emails/budget-warning.tsx";
import {
  ExpenseCollegeEmail,
  expenseCollegeSubject,
  previewProps as expenseCollegePreview,
  type ExpenseCollegeEmailProps,
} from "#emails/expense-college.tsx";
import {
  ExpenseDecidedEmail,
  expenseDecidedSubject,
  previewProps as expenseDecidedPreview,
  type ExpenseDecidedEmailProps,
} from "#emails/expense-decided.tsx";
import {
  ExpenseRequestedEmail,
  expenseRequestedSubject,
  previewProps as expenseRequestedPreview,
  type ExpenseRequestedEmailProps,
} from "#emails/expense-requested.tsx";
import {
  EnrolmentConfirmedEmail,
  enrolmentConfirmedSubject,
  previewProps as enrolmentConfirmedPreview,
  type EnrolmentConfirmedEmailProps,
} from "#emails/enrolment-confirmed.tsx";
import {
  EnrolmentWaitlistedEmail,
  enrolmentWaitlistedSubject,
  previewProps as enrolmentWaitlistedPreview,
  type EnrolmentWaitlistedEmailProps,
} from "#emails/enrolment-waitlisted.tsx";
import {
  EnrolmentRequestedEmail,
  enrolmentRequestedSubject,
  previewProps as enrolmentRequestedPreview,
  type EnrolmentRequestedEmailProps,
} from "#emails/enrolment-requested.tsx";
import {
  EnrolmentApprovalNeededEmail,
  enrolmentApprovalNeededSubject,
  previewProps as enrolmentApprovalNeededPreview,
  type EnrolmentApprovalNeededEmailProps,
} from "#emails/enrolment-approval-needed.tsx";
import {
  EnrolmentRejectedEmail,
  enrolmentRejectedSubject,
  previewProps as enrolmentRejectedPreview,
  type EnrolmentRejectedEmailProps,
} from "#emails/enrolment-rejected.tsx";
import {
  EnrolmentCancelledEmail,
  enrolmentCancelledSubject,
  previewProps as enrolmentCancelledPreview,
  type EnrolmentCancelledEmailProps,
} from "#emails/enrolment-cancelled.tsx";
import {
  SessionReminderEmail,
  sessionReminderSubject,
  previewProps as sessionReminderPreview,
  type SessionReminderEmailProps,
} from "#emails/session-reminder.tsx";
import {
  FeedbackRequestEmail,
  feedbackRequestSubject,
  previewProps as feedbackRequestPreview,
  type FeedbackRequestEmailProps,
} from "#emails/feedback-request.tsx";
import type { MailAttachment, RenderedMail } from "./outbox.server.ts";

type MailTemplate<Props> = {
  /** Dutch name for the development pages. */
  label: string;
  subject: (props: Props) => string;
  Component: (props: Props) => ReactElement;
  previewProps: Props;
};

type MailPropsByTemplate = {
  invitation: InvitationEmailProps;
  password_reset: PasswordResetEmailProps;
  expense_requested: ExpenseRequestedEmailProps;
  expense_decided: ExpenseDecidedEmailProps;
  expense_college: ExpenseCollegeEmailProps;
  budget_warning: BudgetWarningEmailProps;
  enrolment_confirmed: EnrolmentConfirmedEmailProps;
  enrolment_waitlisted: EnrolmentWaitlistedEmailProps;
  enrolment_requested: EnrolmentRequestedEmailProps;
  enrolment_approval_needed: EnrolmentApprovalNeededEmailProps;
  enrolment_rejected: EnrolmentRejectedEmailProps;
  enrolment_cancelled: EnrolmentCancelledEmailProps;
  session_reminder: SessionReminderEmailProps;
  feedback_request: FeedbackRequestEmailProps;
};

/** The value stored in mail_outbox.template. */
export type MailTemplateName = keyof MailPropsByTemplate;

export const mailTemplates: {
  [Name in MailTemplateName]: MailTemplate<MailPropsByTemplate[Name]>;
} = {
  invitation: {
    label: "Uitnodiging",
    subject: () => invitationSubject,
    Component: InvitationEmail,
    previewProps: invitationPreview,
  },
  password_reset: {
    label: "Wachtwoord herstellen",
    subject: () => passwordResetSubject,
    Component: PasswordResetEmail,
    previewProps: passwordResetPreview,
  },
  expense_requested: {
    label: "Uitgave ter goedkeuring",
    subject: expenseRequestedSubject,
    Component: ExpenseRequestedEmail,
    previewProps: expenseRequestedPreview,
  },
  expense_decided: {
    label: "Besluit over een uitgave",
    subject: expenseDecidedSubject,
    Component: ExpenseDecidedEmail,
    previewProps: expenseDecidedPreview,
  },
  expense_college: {
    label: "Uitgave voorleggen aan het college",
    subject: expenseCollegeSubject,
    Component: ExpenseCollegeEmail,
    previewProps: expenseCollegePreview,
  },
  budget_warning: {
    label: "Budget voor 80 % in gebruik",
    subject: budgetWarningSubject,
    Component: BudgetWarningEmail,
    previewProps: budgetWarningPreview,
  },
  enrolment_confirmed: {
    label: "Inschrijving bevestigd",
    subject: enrolmentConfirmedSubject,
    Component: EnrolmentConfirmedEmail,
    previewProps: enrolmentConfirmedPreview,
  },
  enrolment_waitlisted: {
    label: "Op de wachtlijst",
    subject: enrolmentWaitlistedSubject,
    Component: EnrolmentWaitlistedEmail,
    previewProps: enrolmentWaitlistedPreview,
  },
  enrolment_requested: {
    label: "Inschrijving wacht op goedkeuring",
    subject: enrolmentRequestedSubject,
    Component: EnrolmentRequestedEmail,
    previewProps: enrolmentRequestedPreview,
  },
  enrolment_approval_needed: {
    label: "Inschrijving ter goedkeuring",
    subject: enrolmentApprovalNeededSubject,
    Component: EnrolmentApprovalNeededEmail,
    previewProps: enrolmentApprovalNeededPreview,
  },
  enrolment_rejected: {
    label: "Inschrijving afgewezen",
    subject: enrolmentRejectedSubject,
    Component: EnrolmentRejectedEmail,
    previewProps: enrolmentRejectedPreview,
  },
  enrolment_cancelled: {
    label: "Inschrijving geannuleerd of afgemeld",
    subject: enrolmentCancelledSubject,
    Component: EnrolmentCancelledEmail,
    previewProps: enrolmentCancelledPreview,
  },
  session_reminder: {
    label: "Herinnering aan een sessie",
    subject: sessionReminderSubject,
    Component: SessionReminderEmail,
    previewProps: sessionReminderPreview,
  },
  feedback_request: {
    label: "Vraag om feedback op een sessie",
    subject: feedbackRequestSubject,
    Component: FeedbackRequestEmail,
    previewProps: feedbackRequestPreview,
  },
};

export const mailTemplateNames = Object.keys(mailTemplates) as MailTemplateName[];

export function isMailTemplateName(value: string): value is MailTemplateName {
  return Object.hasOwn(mailTemplates, value);
}

// Lines of plain-text mail stay short enough for any mail client (links are never broken);
// a heading in capitals reads as shouting.
const plainTextOptions = {
  wordwrap: 78,
  selectors: [{ selector: "h1", options: { uppercase: false } }],
};

export type MailRecipient = {
  to: string;
  toUserId?: number | null;
  attachments?: MailAttachment[];
};

/**
 * Props that name the recipient, per template: rendered once per shape of their values (see
 * renderPersonal), so a thousand waitlist mails for one session cost one React render, not a thousand.
 */
const recipientProps: Partial<Record<MailTemplateName, readonly string[]>> = {
  enrolment_confirmed: ["name"],
  enrolment_waitlisted: ["name"],
};

export async function renderMail<Name extends MailTemplateName>(
  name: Name,
  props: MailPropsByTemplate[Name],
  recipient: MailRecipient,
): Promise<RenderedMail> {
  const template: MailTemplate<MailPropsByTemplate[Name]> = mailTemplates[name];
  const { html, text } =
    (await renderPersonal(name, props)) ?? (await renderHtmlAndText(name, props));
  return {
    template: name,
    to: recipient.to,
    toUserId: recipient.toUserId ?? null,
    subject: template.subject(props),
    html,
    text,
    attachments: recipient.attachments,
  };
}

/** Exactly what render() gives for the html and for `plainText: true`, without the slower paths. */
export async function renderMailUncached<Name extends MailTemplateName>(
  name: Name,
  props: MailPropsByTemplate[Name],
): Promise<{ html: string; text: string }> {
  const element = createElement(mailTemplates[name].Component, props);
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: plainTextOptions }),
  ]);
  return { html, text };
}

// render() writes this doctype before the markup React rendered (dropping any doctype in it), and
// its plainText mode converts that same markup: so one React render gives both.
const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

async function renderHtmlAndText<Name extends MailTemplateName>(
  name: Name,
  props: MailPropsByTemplate[Name],
): Promise<{ html: string; text: string }> {
  const html = await render(createElement(mailTemplates[name].Component, props));
  if (!html.startsWith(XHTML_DOCTYPE)) return renderMailUncached(name, props);
  return { html, text: toPlainText(html.slice(XHTML_DOCTYPE.length), plainTextOptions) };
}

// ---- Rendering once per shape of the recipient's name ----
// A mail is rendered with a stand-in for each recipient prop: the value with every other character
// than a space replaced by one private-use character. React writes the stand-in as it is, and the
// plain-text conversion wraps lines on word lengths, which the stand-in shares with the value; so
// putting the value (escaped as React escapes it) in place of the stand-in gives the same bytes as
// rendering with the value. Values this cannot be sure of (other white space, characters outside
// the basic plane, the private-use area itself) are rendered in full.

const STAND_IN_BASE = 0xe000;
const SAFE_VALUE =
  /^[^\s\u200b\ue000-\uf8ff\ud800-\udfff]+( [^\s\u200b\ue000-\uf8ff\ud800-\udfff]+)*$/;
const STAND_IN_LEFT = /[\ue000-\uf8ff]/;
const CACHE_LIMIT = 500;
const personalCache = new Map<string, Promise<{ html: string; text: string }>>();

// React's escaping of text and attribute values (escapeTextForBrowser).
const htmlEscapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};
function escapeLikeReact(value: string): string {
  return value.replace(/[&<>"']/g, (character) => htmlEscapes[character]!);
}

async function renderPersonal<Name extends MailTemplateName>(
  name: Name,
  props: MailPropsByTemplate[Name],
): Promise<{ html: string; text: string } | null> {
  const fields = recipientProps[name];
  if (!fields) return null;
  const standIns = new Map<string, string>();
  const shaped: Record<string, unknown> = { ...props };
  for (const [index, field] of fields.entries()) {
    const value = shaped[field];
    if (typeof value !== "string" || !SAFE_VALUE.test(value)) return null;
    const standIn = value.replace(/[^ ]/g, String.fromCharCode(STAND_IN_BASE + index));
    standIns.set(standIn, value);
    shaped[field] = standIn;
  }
  const key = JSON.stringify([name, shaped]);
  let rendered = personalCache.get(key);
  if (!rendered) {
    rendered = renderHtmlAndText(name, shaped as MailPropsByTemplate[Name]);
    personalCache.set(key, rendered);
    // Failed renders are not kept; the oldest entry goes when the cache is full.
    rendered.catch(() => personalCache.delete(key));
    if (personalCache.size > CACHE_LIMIT) personalCache.delete(personalCache.keys().next().value!);
  }
  let { html, text } = await rendered;
  for (const [standIn, value] of standIns) {
    html = html.replaceAll(standIn, escapeLikeReact(value));
    text = text.replaceAll(standIn, value);
  }
  // A stand-in broken over two lines of text is not found whole: render this one in full.
  if (STAND_IN_LEFT.test(html) || STAND_IN_LEFT.test(text)) return null;
  return { html, text };
}

/** For the development preview page: a template rendered with its sample data. */
export function renderPreviewMail<Name extends MailTemplateName>(
  name: Name,
): Promise<RenderedMail> {
  const template: MailTemplate<MailPropsByTemplate[Name]> = mailTemplates[name];
  return renderMail(name, template.previewProps, { to: "voorbeeld@huizen.example" });
}

export function renderInvitationMail({
  to,
  toUserId,
  ...props
}: { to: string; toUserId?: number | null } & InvitationEmailProps): Promise<RenderedMail> {
  return renderMail("invitation", props, { to, toUserId });
}

export function renderPasswordResetMail({
  to,
  toUserId,
  ...props
}: { to: string; toUserId?: number | null } & PasswordResetEmailProps): Promise<RenderedMail> {
  return renderMail("password_reset", props, { to, toUserId });
}

export function renderExpenseRequestedMail({
  to,
  toUserId,
  ...props
}: { to: string; toUserId?: number | null } & ExpenseRequestedEmailProps): Promise<RenderedMail> {
  return renderMail("expense_requested", props, { to, toUserId });
}

export function renderExpenseDecidedMail({
  to,
  toUserId,
  ...props
}: { to: string; toUserId?: number | null } & ExpenseDecidedEmailProps): Promise<RenderedMail> {
  return renderMail("expense_decided", props, { to, toUserId });
}

export function renderExpenseCollegeMail({
  to,
  toUserId,
  ...props
}: { to: string; toUserId?: number | null } & ExpenseCollegeEmailProps): Promise<RenderedMail> {
  return renderMail("expense_college", props, { to, toUserId });
}

export function renderBudgetWarningMail({
  to,
  toUserId,
  ...props
}: { to: string; toUserId?: number | null } & BudgetWarningEmailProps): Promise<RenderedMail> {
  return renderMail("budget_warning", props, { to, toUserId });
}

// Enrolment mail: the confirmation and the cancellation carry an .ics (see calendar.server.ts).

export function renderEnrolmentConfirmedMail({
  to,
  toUserId,
  attachments,
  ...props
}: MailRecipient & EnrolmentConfirmedEmailProps): Promise<RenderedMail> {
  return renderMail("enrolment_confirmed", props, { to, toUserId, attachments });
}

export function renderEnrolmentWaitlistedMail({
  to,
  toUserId,
  attachments,
  ...props
}: MailRecipient & EnrolmentWaitlistedEmailProps): Promise<RenderedMail> {
  return renderMail("enrolment_waitlisted", props, { to, toUserId, attachments });
}

export function renderEnrolmentRequestedMail({
  to,
  toUserId,
  attachments,
  ...props
}: MailRecipient & EnrolmentRequestedEmailProps): Promise<RenderedMail> {
  return renderMail("enrolment_requested", props, { to, toUserId, attachments });
}

export function renderEnrolmentApprovalNeededMail({
  to,
  toUserId,
  attachments,
  ...props
}: MailRecipient & EnrolmentApprovalNeededEmailProps): Promise<RenderedMail> {
  return renderMail("enrolment_approval_needed", props, { to, toUserId, attachments });
}

export function renderEnrolmentRejectedMail({
  to,
  toUserId,
  attachments,
  ...props
}: MailRecipient & EnrolmentRejectedEmailProps): Promise<RenderedMail> {
  return renderMail("enrolment_rejected", props, { to, toUserId, attachments });
}

export function renderEnrolmentCancelledMail({
  to,
  toUserId,
  attachments,
  ...props
}: MailRecipient & EnrolmentCancelledEmailProps): Promise<RenderedMail> {
  return renderMail("enrolment_cancelled", props, { to, toUserId, attachments });
}

export function renderSessionReminderMail({
  to,
  toUserId,
  attachments,
  ...props
}: MailRecipient & SessionReminderEmailProps): Promise<RenderedMail> {
  return renderMail("session_reminder", props, { to, toUserId, attachments });
}

export function renderFeedbackRequestMail({
  to,
  toUserId,
  attachments,
  ...props
}: MailRecipient & FeedbackRequestEmailProps): Promise<RenderedMail> {
  return renderMail("feedback_request", props, { to, toUserId, attachments });
}
