// The feedback form's schema, for the browser and the action alike. It is made per course, because
// only that course's learning goals may be chosen; the rules themselves are in app/domain/feedback.ts.
import { z } from "zod";
import {
  commentProblem,
  learningGoalsProblem,
  ratingMissingMessage,
  ratingProblem,
  type Rating,
} from "#app/domain/feedback.ts";

export function createFeedbackSchema(courseGoalIds: readonly number[]) {
  return z.object({
    // conform turns "3" into 3; anything that is no number at all gets the same question again.
    rating: z.number({ error: ratingMissingMessage }).transform((value, ctx) => {
      const problem = ratingProblem(value);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return value as Rating;
    }),
    // No box ticked reaches the schema as undefined: that is allowed, a session may help with none.
    learningGoalIds: z
      .array(
        z.number({ error: "Kies leerdoelen uit de lijst." }).int("Kies leerdoelen uit de lijst."),
      )
      .optional()
      .transform((value, ctx) => {
        const ids = [...new Set(value ?? [])];
        const problem = learningGoalsProblem(ids, courseGoalIds);
        if (problem) {
          ctx.addIssue({ code: "custom", message: problem });
          return z.NEVER;
        }
        return ids;
      }),
    // An empty field reaches the schema as undefined (conform strips empty strings).
    comment: z
      .string({ error: "Vul uw opmerking in als tekst." })
      .optional()
      .transform((value, ctx) => {
        // Browsers send line breaks as CRLF; they are counted and stored as one character.
        const text = (value ?? "").replace(/\r\n?/g, "\n").trim();
        const problem = commentProblem(text);
        if (problem) {
          ctx.addIssue({ code: "custom", message: problem });
          return z.NEVER;
        }
        return text === "" ? null : text;
      }),
  });
}

export type FeedbackFormValue = z.output<ReturnType<typeof createFeedbackSchema>>;
