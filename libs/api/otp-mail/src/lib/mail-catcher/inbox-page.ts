import escapeHtml from 'escape-html';
import type { CaughtMail } from './embedded-mail-catcher';

const STYLE = `
  body { font-family: system-ui, Arial, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
  header { background: #24292f; color: #fff; padding: 12px 24px; }
  header a { color: #fff; text-decoration: none; }
  main { padding: 16px 24px; max-width: 1100px; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid #d0d7de; vertical-align: top; }
  th { background: #eaeef2; font-weight: 600; }
  tr:hover td { background: #f3f6f9; }
  .muted { color: #57606a; font-size: 14px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; background: #fff; padding: 12px 16px; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  iframe { width: 100%; height: 520px; border: 1px solid #d0d7de; background: #fff; }
  pre { white-space: pre-wrap; background: #fff; padding: 12px 16px; border: 1px solid #d0d7de; }
`;

function page(title: string, body: string, refreshSeconds?: number): string {
  const refresh = refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8">${refresh}<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<header><a href="/"><strong>Mail catcher</strong></a> <span class="muted">— mails sent by the app in development, kept in memory</span></header>
<main>${body}</main>
</body>
</html>`;
}

/** The list of caught mails, newest first; reloads itself so that a new code shows up. */
export function renderInboxPage(mails: readonly CaughtMail[], capacity: number): string {
  if (mails.length === 0) {
    return page(
      'Mail catcher (empty)',
      '<p>No mail yet. This page reloads every 5 seconds.</p>',
      5,
    );
  }

  const rows = mails
    .map(
      (mail) => `<tr>
<td class="muted">${escapeHtml(new Date(mail.receivedAt).toLocaleString('en-GB'))}</td>
<td>${escapeHtml(mail.to.join(', '))}</td>
<td><a href="/view/${escapeHtml(mail.id)}">${escapeHtml(mail.subject || '(no subject)')}</a></td>
</tr>`,
    )
    .join('\n');
  return page(
    `Mail catcher (${mails.length})`,
    `<p class="muted">${mails.length} mail${mails.length === 1 ? '' : 's'} (the last ${capacity} are kept). This page reloads every 5 seconds.</p>
<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>
${rows}
</tbody></table>`,
    5,
  );
}

/** One mail: its headers, the HTML part in a sandboxed frame, and the plain-text part. */
export function renderMessagePage(mail: CaughtMail): string {
  // An empty sandbox gives the mail an opaque origin with no scripts, forms or navigation.
  const htmlPart = mail.html
    ? `<h2>HTML</h2><iframe sandbox="" title="HTML part" srcdoc="${escapeHtml(mail.html)}"></iframe>`
    : '<p class="muted">This mail has no HTML part.</p>';
  return page(
    mail.subject || '(no subject)',
    `<p><a href="/">← All mails</a></p>
<dl>
<dt>Subject</dt><dd>${escapeHtml(mail.subject || '(no subject)')}</dd>
<dt>From</dt><dd>${escapeHtml(mail.from)}</dd>
<dt>To</dt><dd>${escapeHtml(mail.to.join(', '))}</dd>
<dt>Received</dt><dd>${escapeHtml(new Date(mail.receivedAt).toLocaleString('en-GB'))}</dd>
</dl>
${htmlPart}
<h2>Plain text</h2>
<pre>${escapeHtml(mail.text || '(no plain-text part)')}</pre>`,
  );
}
