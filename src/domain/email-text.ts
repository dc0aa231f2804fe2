// A message as plain text and as HTML from the same parts, so the two always say the same. Every text
// that comes from people or content is escaped in the HTML.

/** One thing to act on: what it is and where to do it. */
export interface MessageLine {
  text: string;
  href: string;
}

/** A titled list of things to act on. */
export interface MessageSection {
  title: string;
  lines: readonly MessageLine[];
  /** Said when the list was cut short: "and 12 more". */
  more?: string;
}

export interface MessageParts {
  subject: string;
  greeting: string;
  intro: string;
  sections: readonly MessageSection[];
  /** The closing line, with a link: where to change what one receives. */
  footer: MessageLine;
}

export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The plain-text body: each line with its link beneath it. */
export function plainText(parts: MessageParts): string {
  const out = [parts.greeting, '', parts.intro];
  for (const section of parts.sections) {
    out.push('', section.title);
    for (const line of section.lines) out.push(`- ${line.text}`, `  ${line.href}`);
    if (section.more) out.push(`  ${section.more}`);
  }
  out.push('', '--', parts.footer.text, parts.footer.href);
  return `${out.join('\n')}\n`;
}

/** The HTML body: headings, lists of links, nothing that needs images or styles to be read. */
export function htmlText(parts: MessageParts, lang: string): string {
  const link = (line: MessageLine) => `<a href="${escapeHtml(line.href)}">${escapeHtml(line.text)}</a>`;
  const sections = parts.sections
    .map(
      (section) =>
        `<h2 style="font-size:16px">${escapeHtml(section.title)}</h2>\n<ul>\n${section.lines.map((line) => `<li>${link(line)}</li>`).join('\n')}\n</ul>` +
        (section.more ? `\n<p>${escapeHtml(section.more)}</p>` : ''),
    )
    .join('\n');
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(parts.subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5">',
    `<p>${escapeHtml(parts.greeting)}</p>`,
    `<p>${escapeHtml(parts.intro)}</p>`,
    sections,
    `<hr><p style="color:#666;font-size:13px">${link(parts.footer)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
}
