import type { z } from 'astro/zod';
import { contentMessages, type ContentLocale } from './messages';

/** A content mistake: which file, which field, and a sentence that says what to do. */
export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

/** Describes a value the way an author wrote it, for "it says …" in messages. */
export function describeValue(value: unknown, locale: ContentLocale): string {
  if (value === undefined) return locale === 'ru' ? 'пусто' : 'nothing';
  if (value === null) return locale === 'ru' ? 'пустое значение' : 'an empty value';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '«?»' : `«${value.toISOString().slice(0, 10)}»`;
  if (Array.isArray(value)) return locale === 'ru' ? 'список' : 'a list';
  if (typeof value === 'object') return locale === 'ru' ? 'блок полей' : 'a block of fields';
  return `«${String(value)}»`;
}

/** Turns a zod path into the dotted field name an author sees in YAML: `questions[3].options`. */
export function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key + 1}]`;
    else out += (out ? '.' : '') + String(key);
  }
  return out || '(file)';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const customCodes: Record<string, (m: (typeof contentMessages)[ContentLocale], got: string) => string> = {
  version: (m, got) => m.version(got),
  id: (m, got) => m.id(got),
  doclink: (m, got) => m.docLink(got),
  'dialogue-node': (m) => m.dialogueNode(),
  day: (m, got) => m.expectedDate(got),
  'time-zone': (m, got) => m.timeZone(got),
};

/** The one place a zod issue becomes a sentence: used for content, stored data and action input. */
export function describeIssue(issue: z.core.$ZodIssue, data: unknown, locale: ContentLocale = 'ru'): string {
  const m = contentMessages[locale];
  const value = valueAt(data, issue.path);
  const got = describeValue(value, locale);
  if (issue.code === 'invalid_type' && value === undefined) return m.required();
  const custom = customCodes[issue.message];
  if (custom) return custom(m, got);
  switch (issue.code) {
    case 'invalid_type': {
      switch (issue.expected) {
        case 'string':
          return m.expectedText(got);
        case 'number':
        case 'int':
          return m.expectedNumber(got);
        case 'boolean':
          return m.expectedYesNo(got);
        case 'array':
          return m.expectedList(got);
        case 'date':
          return m.expectedDate(got);
        default:
          return m.expectedGroup(got);
      }
    }
    case 'invalid_value':
      return m.oneOf(issue.values, got);
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options) ? m.oneOf(issue.options, got) : m.required();
    case 'unrecognized_keys':
      return m.unknownField(issue.keys);
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return m.tooShortText();
      if (issue.origin === 'array') return m.tooFewItems(min);
      return m.tooSmall(min);
    }
    case 'too_big':
      return m.tooBig(Number(issue.maximum));
    case 'invalid_format':
      return m.id(got);
    default:
      return issue.code === 'custom' ? issue.message : m.required();
  }
}

/** Turns a failed parse into problems, one per issue, with the file and field named. */
export function problemsFromZod(
  error: z.ZodError,
  file: string,
  data: unknown,
  locale: ContentLocale = 'ru',
): ContentProblem[] {
  return error.issues.map((issue) => {
    // An unknown field is reported at that field, so the author finds the line.
    const path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
    const wrongInt = issue.code === 'invalid_type' && issue.expected === 'int';
    return {
      file,
      field: fieldName(path),
      message: wrongInt && valueAt(data, issue.path) !== undefined && typeof valueAt(data, issue.path) === 'number'
        ? contentMessages[locale].wholeNumber()
        : describeIssue({ ...issue, path } as z.core.$ZodIssue, data, locale),
    };
  });
}

/** One line per problem: `docs/crm.mdx › owner: …`. */
export function formatProblems(problems: ContentProblem[], locale: ContentLocale = 'ru'): string {
  const lines = problems.map((p) => `  ${p.file} › ${p.field}: ${p.message}`);
  return [contentMessages[locale].summary(problems.length), ...lines].join('\n');
}
