// Placeholder replaced by the SMTP sender.
export function startOutboxSender() {
  return { async stop() {} };
}
