/**
 * A minimal INI editor for the plan's `config` verb: sets or removes one key in one section and
 * leaves every other line as written, so an operator reading the file sees only the change.
 */

export function setIniKey(text: string, section: string, key: string, value: string | null): string {
  const lines = text.split('\n');
  let current = '';
  let sectionEnd = -1;
  let found = false;
  const out: string[] = [];
  for (const line of lines) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      if (current === section && !found && value !== null) {
        out.splice(sectionEnd + 1, 0, `${key} = ${value}`);
        found = true;
      }
      current = header[1] ?? '';
    }
    const kv = /^\s*([^=#;\s][^=]*?)\s*=/.exec(line);
    if (!header && current === section && kv?.[1] === key) {
      found = true;
      if (value !== null) out.push(`${key} = ${value}`);
      sectionEnd = out.length - 1;
      continue;
    }
    out.push(line);
    if (current === section && line.trim() !== '') sectionEnd = out.length - 1;
  }
  if (!found && value !== null) {
    if (current === section) out.splice(sectionEnd + 1, 0, `${key} = ${value}`);
    else {
      const hasSection = lines.some((l) => l.trim() === `[${section}]`);
      if (!hasSection) {
        if (out.length && out[out.length - 1] !== '') out.push('');
        out.push(`[${section}]`, `${key} = ${value}`, '');
      }
    }
  }
  return out.join('\n');
}
