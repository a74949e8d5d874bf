/**
 * The mail server could not take a message. Callers turn it into a 503 `mail_unavailable`; the
 * message names only the failure, never the mail's content.
 */
export class MailUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`Mail could not be sent: ${reason}`);
    this.name = 'MailUnavailableError';
  }
}
