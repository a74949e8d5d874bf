import escapeHtml from 'escape-html';
import { EmailOtpPurpose, MfaMethod } from '@twofold/shared/contracts';

/** What every mail needs to know about the product that sends it. */
export interface MailBranding {
  readonly appName: string;
  readonly appUrl: string;
  readonly supportEmail: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export interface OtpMailContent {
  readonly username: string;
  readonly code: string;
  readonly purpose: EmailOtpPurpose;
  readonly expiresInMinutes: number;
}

/**
 * `code-reused`: a one-time code that had already been accepted was tried again and refused
 * (ASVS 4.0.3 2.8.5: log it and tell the owner).
 */
export type SecurityEvent = 'factor-added' | 'factor-removed' | 'code-reused';

export interface SecurityNoticeContent {
  readonly username: string;
  readonly event: SecurityEvent;
  readonly method: MfaMethod;
  readonly occurredAt: Date;
}

interface PurposeWording {
  /** Completes "Your code to …" in the subject and the body. */
  readonly action: string;
  /** What the recipient should do when the mail was not expected. */
  readonly ifNotYou: string;
}

const METHOD_NAMES: Record<MfaMethod, string> = {
  [MfaMethod.Email]: 'email two-factor authentication',
  [MfaMethod.Totp]: 'the authenticator app (TOTP)',
};

function purposeWording(brand: MailBranding, purpose: EmailOtpPurpose): PurposeWording {
  // There is no self-service password change, so the only useful advice is to reach support.
  const contactSupport = `contact support at ${brand.supportEmail} right away.`;
  // Every purpose other than sign-in is asked for from a signed-in session, so an unexpected code
  // means someone else is already inside the account, not only that they know the password.
  const someoneSignedIn = `someone knows your password and may be signed in to your account: ${contactSupport}`;
  switch (purpose) {
    case EmailOtpPurpose.SignIn:
      return {
        action: 'sign in',
        ifNotYou: `someone knows your password and tried to sign in. Do not share this code, and ${contactSupport}`,
      };
    case EmailOtpPurpose.EnableEmail:
      return { action: 'turn on email two-factor authentication', ifNotYou: someoneSignedIn };
    case EmailOtpPurpose.DisableEmail:
      return { action: 'turn off email two-factor authentication', ifNotYou: someoneSignedIn };
    case EmailOtpPurpose.EnableTotp:
      return { action: 'set up an authenticator app', ifNotYou: someoneSignedIn };
    case EmailOtpPurpose.DisableTotp:
      return { action: 'remove your authenticator app', ifNotYou: someoneSignedIn };
  }
}

/** The one-time password mail: the code once, big, with its lifetime and what to do if unexpected. */
export function renderOtpMail(brand: MailBranding, content: OtpMailContent): RenderedMail {
  const wording = purposeWording(brand, content.purpose);
  const minutes = `${content.expiresInMinutes} minute${content.expiresInMinutes === 1 ? '' : 's'}`;
  const subject = `${brand.appName}: your code to ${wording.action}`;

  // The code comes before anything the user chose (the username may hold digits), so that
  // mail clients and phones that offer the first six-digit number for autofill offer the code.
  const text = [
    `Your ${brand.appName} code to ${wording.action}:`,
    '',
    `    ${content.code}`,
    '',
    `It expires in ${minutes} and works only once.`,
    '',
    `It was asked for on the account ${content.username}. If you did not ask for this code, ${wording.ifNotYou}`,
    '',
    supportLine(brand),
    brand.appUrl,
  ].join('\n');

  const html = layout(
    brand,
    subject,
    `<p>Your ${escapeHtml(brand.appName)} code to ${escapeHtml(wording.action)}:</p>
<p style="font-size:32px;font-weight:bold;letter-spacing:8px;font-family:Menlo,Consolas,monospace;margin:24px 0;">${escapeHtml(content.code)}</p>
<p>It expires in <strong>${escapeHtml(minutes)}</strong> and works only once.</p>
<p>It was asked for on the account <strong>${escapeHtml(content.username)}</strong>. If you did not ask for this code, ${escapeHtml(wording.ifNotYou)}</p>`,
  );

  return { subject, html, text };
}

/**
 * Tells the owner that a second factor was turned on or off (ASVS 4.0.3 2.5.5), or that an
 * already used code was tried again (ASVS 4.0.3 2.8.5).
 */
export function renderSecurityNotice(
  brand: MailBranding,
  content: SecurityNoticeContent,
): RenderedMail {
  const method = METHOD_NAMES[content.method];
  const when = content.occurredAt.toUTCString();
  const { subject, happened, ifYou, advice } = noticeWording(brand, content.event, method, when);

  const text = [
    `Hello ${content.username},`,
    '',
    happened,
    '',
    ifYou,
    advice,
    '',
    supportLine(brand),
    brand.appUrl,
  ].join('\n');

  const html = layout(
    brand,
    subject,
    `<p>Hello ${escapeHtml(content.username)},</p>
<p>${escapeHtml(happened)}</p>
<p>${escapeHtml(ifYou)}</p>
<p>${escapeHtml(advice)}</p>`,
  );

  return { subject, html, text };
}

interface NoticeWording {
  readonly subject: string;
  readonly happened: string;
  readonly ifYou: string;
  readonly advice: string;
}

function noticeWording(
  brand: MailBranding,
  event: SecurityEvent,
  method: string,
  when: string,
): NoticeWording {
  if (event === 'code-reused') {
    return {
      subject: `${brand.appName}: an already used sign-in code was tried again`,
      happened: `On ${when}, a code from ${method} that had already been used was entered again on your ${brand.appName} account. It was refused.`,
      ifYou:
        'If this was you (for example signing in twice within half a minute), there is nothing to do.',
      advice: `If this was not you, someone knows your password and may have seen one of your codes: contact support at ${brand.supportEmail} right away.`,
    };
  }
  const change = event === 'factor-added' ? 'turned on' : 'turned off';
  return {
    subject: `${brand.appName}: ${method} was ${change}`,
    happened: `${capitalize(method)} was ${change} for your ${brand.appName} account on ${when}.`,
    ifYou: 'If this was you, there is nothing to do.',
    advice: `If this was not you, someone knows your password and may be signed in to your account: contact support at ${brand.supportEmail} right away.`,
  };
}

function supportLine(brand: MailBranding): string {
  return `Need help? Write to ${brand.supportEmail}.`;
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function layout(brand: MailBranding, title: string, body: string): string {
  const support = escapeHtml(brand.supportEmail);
  const appUrl = escapeHtml(brand.appUrl);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2328;">
<div style="max-width:520px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px 32px;line-height:1.5;">
<h1 style="font-size:20px;margin:0 0 16px;">${escapeHtml(brand.appName)}</h1>
${body}
<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0 12px;">
<p style="font-size:13px;color:#57606a;">Need help? Write to <a href="mailto:${support}">${support}</a>.<br><a href="${appUrl}">${appUrl}</a></p>
</div>
</body>
</html>`;
}
