// Sign-in throttling: too many failures for one e-mail address or one network address.

export const MAX_FAILED_SIGN_INS = 10;
export const THROTTLE_WINDOW_MS = 10 * 60 * 1000;

export function throttleWindowStart(now: Date): Date {
  return new Date(now.getTime() - THROTTLE_WINDOW_MS);
}

/** Failures counted within the window for the e-mail and for the address. */
export function isSignInThrottled(failures: { forEmail: number; forAddress: number }): boolean {
  return failures.forEmail >= MAX_FAILED_SIGN_INS || failures.forAddress >= MAX_FAILED_SIGN_INS;
}

export const throttledMessage =
  "Te veel mislukte inlogpogingen. Wacht tien minuten en probeer het dan opnieuw.";
