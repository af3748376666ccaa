// The security headers every response carries; the CSP allows scripts only with this request's nonce.

export function contentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  const scriptSrc = [`'self'`, `'nonce-${nonce}'`];
  const connectSrc = [`'self'`];
  if (options.development) {
    // Vite's dev client connects over a websocket and injects styles.
    connectSrc.push("ws:", "wss:");
  }
  return [
    `default-src 'self'`,
    `script-src ${scriptSrc.join(" ")}`,
    `style-src 'self'${options.development ? " 'unsafe-inline'" : ""}`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src ${connectSrc.join(" ")}`,
    `form-action 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `frame-ancestors 'none'`,
  ].join("; ");
}

export function securityHeaders(options: {
  nonce: string;
  https: boolean;
  development: boolean;
}): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options.nonce, options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
