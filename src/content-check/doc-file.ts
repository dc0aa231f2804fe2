import { parseDocument } from 'yaml';

// Content files as an author writes them: YAML frontmatter between `---` lines, then the MDX body.
// Writing a changed field keeps every other line as it was written (order, quotes, lists), so that
// editing by hand and editing in the browser can be mixed in one content folder.

const FRONTMATTER = /^---(\r?\n)([\s\S]*?)\r?\n---(\r?\n|$)/;

/** A content file taken apart: its frontmatter's YAML and its body, exactly as written. */
export interface DocFile {
  frontmatter: string;
  body: string;
  /** The file's line ending, kept when it is written again. */
  eol: '\n' | '\r\n';
}

export function splitDocFile(text: string): DocFile {
  const match = FRONTMATTER.exec(text);
  if (!match) return { frontmatter: '', body: text, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  return { frontmatter: match[2]!, body: text.slice(match[0].length), eol: match[1] === '\r\n' ? '\r\n' : '\n' };
}

/**
 * The file with `fields` set (a field set to `undefined` is removed) and, when given, a new body.
 * Fields not named keep their lines; new fields go after the others. Unchanged, it is byte-identical.
 */
export function writeDocFile(original: string, fields: Readonly<Record<string, unknown>> = {}, body?: string): string {
  const file = splitDocFile(original);
  let frontmatter = file.frontmatter;
  if (Object.keys(fields).length > 0) {
    const yaml = parseDocument(file.frontmatter);
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) yaml.delete(key);
      else yaml.set(key, value);
    }
    frontmatter = yaml.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '').replace(/\n/g, file.eol);
  }
  if (frontmatter === file.frontmatter && (body === undefined || body === file.body)) return original;
  return `---${file.eol}${frontmatter}${file.eol}---${file.eol}${body ?? file.body}`;
}
