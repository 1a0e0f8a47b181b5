/**
 * Escaping for the three text formats reports are written in. Every string that came from a
 * plan, the catalogue or the checker passes through one of these before it reaches output,
 * because plan names and messages are operator-written and may contain anything.
 */

/** Characters XML 1.0 forbids outright (C0 controls except tab, LF, CR; lone surrogates; U+FFFE/F). */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text or attribute value for HTML, SVG and XML alike (invalid XML characters become U+FFFD). */
export function esc(text: string | number): string {
  return String(text).replace(XML_INVALID, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Text inside a Markdown table cell or paragraph: neutralises table pipes, inline HTML, emphasis
 * and code markers, and line breaks (which would end a table row).
 */
export function mdText(text: string | number): string {
  return String(text)
    .replace(XML_INVALID, '\uFFFD')
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]|<>#])/g, '\\$1');
}

/** An inline code span that survives backticks inside the text. */
export function mdCode(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A Markdown link whose URL cannot break out of the parentheses. */
export function mdLink(label: string, url: string): string {
  return `[${mdText(label)}](${encodeURI(decodeURIComponentSafe(url)).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})`;
}

function decodeURIComponentSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
