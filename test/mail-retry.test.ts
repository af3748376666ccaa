import { describe, expect, it } from "vitest";
import { MAX_MAIL_ATTEMPTS, nextMailAttempt } from "#app/domain/mail-retry.ts";

const failedAt = new Date("2025-03-14T10:00:00.000Z");

describe("nextMailAttempt", () => {
  it.each([
    [1, "2025-03-14T10:01:00.000Z"],
    [2, "2025-03-14T10:05:00.000Z"],
    [3, "2025-03-14T10:30:00.000Z"],
    [4, "2025-03-14T12:00:00.000Z"],
    [5, "2025-03-14T22:00:00.000Z"],
  ] as const)("after failed attempt %i → retry at %s", (attemptsMade, expected) => {
    expect(nextMailAttempt(attemptsMade, failedAt)).toEqual({
      kind: "retry",
      at: new Date(expected),
    });
  });

  it.each([6, 7, 100])("after failed attempt %i → give up", (attemptsMade) => {
    expect(nextMailAttempt(attemptsMade, failedAt)).toEqual({ kind: "give_up" });
  });

  it("gives up exactly at the maximum number of attempts", () => {
    expect(MAX_MAIL_ATTEMPTS).toBe(6);
    expect(nextMailAttempt(MAX_MAIL_ATTEMPTS - 1, failedAt).kind).toBe("retry");
    expect(nextMailAttempt(MAX_MAIL_ATTEMPTS, failedAt).kind).toBe("give_up");
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses a meaningless attempt count %s", (attemptsMade) => {
    expect(() => nextMailAttempt(attemptsMade, failedAt)).toThrow(RangeError);
  });
});
