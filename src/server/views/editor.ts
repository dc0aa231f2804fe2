import { splitFrontmatter } from '../../content-check/folder';
import { writeDocFile } from '../../content-check/doc-file';
import { createHash } from 'node:crypto';
import { readServedFolderWith, servedContent } from '../../content-store/library';
import { allRoles, docById, scriptById, siteSettings } from '../../content';
import type { UnsafeConstruct } from '../../content-check/mdx-safety';
import type { Translator } from '../../i18n';
import type { Actor } from '../../domain/permissions';
import { docKinds } from '../../schemas/doc';
import type { ContentProblem } from '../../schemas/error-map';
import { scriptChannels } from '../../schemas/script';
import { contentPathOf, type EditableCollection } from '../publishing';

// The editor's form: one field per frontmatter field a person writes (the version and the change log
// are the publication's), read from a file and written back into it without touching anything else.

export type FieldKind = 'text' | 'textarea' | 'select' | 'date' | 'audience' | 'tags' | 'checkbox' | 'number';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** For selects: the values, in order; an empty first value means "none". */
  options?: readonly string[];
  /** What a person reads for each value, when it is not the value itself (roles by their titles). */
  optionLabels?: Readonly<Record<string, string>>;
  required?: boolean;
  /** What the schema takes when the file leaves the field out. */
  default?: string;
}

const statuses = ['draft', 'active', 'archived'] as const;

/** The fields of each collection's form, in the order authors write them. Roles fill in the owner's options. */
export async function fieldsOf(collection: EditableCollection): Promise<FieldSpec[]> {
  const allOfThem = await allRoles();
  const roles = allOfThem.map((r) => r.id);
  const roleTitles = Object.fromEntries(allOfThem.map((r) => [r.id, r.data.title]));
  const title: FieldSpec = { name: 'title', kind: 'text', required: true };
  const owner: FieldSpec = { name: 'owner', kind: 'select', options: roles, optionLabels: roleTitles, required: true };
  const audience: FieldSpec = { name: 'audience', kind: 'audience', options: roles, optionLabels: roleTitles, required: true };
  const status: FieldSpec = { name: 'status', kind: 'select', options: statuses, required: true, default: 'active' };
  if (collection === 'docs') {
    return [
      title,
      { name: 'kind', kind: 'select', options: docKinds, required: true },
      { name: 'summary', kind: 'textarea', required: true },
      owner,
      audience,
      { name: 'effective', kind: 'date', required: true },
      { name: 'reviewBy', kind: 'date', required: true },
      status,
      { name: 'requiresAck', kind: 'checkbox' },
      { name: 'validForMonths', kind: 'number' },
      { name: 'tags', kind: 'tags' },
    ];
  }
  if (collection === 'scripts') {
    return [
      title,
      { name: 'channel', kind: 'select', options: scriptChannels, required: true },
      { name: 'situation', kind: 'textarea', required: true },
      owner,
      audience,
      status,
    ];
  }
  return [title, { name: 'minutes', kind: 'number', required: true }];
}

/** A field's value as the form shows it. */
export function formValue(data: Record<string, unknown>, field: FieldSpec): string | string[] | boolean {
  const value = data[field.name];
  switch (field.kind) {
    case 'audience':
      return value === 'all' || value === undefined ? ['all'] : Array.isArray(value) ? value.map(String) : [];
    case 'tags':
      return Array.isArray(value) ? value.join(', ') : '';
    case 'checkbox':
      return value === true;
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : value === undefined ? '' : String(value);
    default:
      return value === undefined || value === null ? (field.default ?? '') : String(value);
  }
}

/** The fields as the form sent them, as frontmatter values (an empty optional field is left out). */
export function fieldsFromForm(form: FormData, specs: FieldSpec[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const field of specs) {
    const raw = form.get(field.name);
    const text = typeof raw === 'string' ? raw.trim() : '';
    switch (field.kind) {
      case 'audience': {
        const picked = form.getAll(field.name).map(String);
        fields[field.name] = picked.includes('all') || picked.length === 0 ? 'all' : picked;
        break;
      }
      case 'tags':
        fields[field.name] = text === '' ? undefined : text.split(',').map((tag) => tag.trim()).filter(Boolean);
        break;
      case 'checkbox':
        fields[field.name] = raw !== null;
        break;
      case 'number':
        fields[field.name] = text === '' ? undefined : Number(text);
        break;
      default:
        fields[field.name] = text === '' ? (field.required ? '' : undefined) : text;
    }
  }
  return fields;
}

/** The file the form describes: the fields and body written into the file it started from. */
export function fileFromForm(original: string, form: FormData, specs: FieldSpec[]): string {
  const body = String(form.get('body') ?? '').replace(/\r\n/g, '\n');
  const file = splitFrontmatter(original);
  const separator = file && !body.startsWith('\n') ? '\n' : '';
  // Only what the form changed is written: every other line of the frontmatter stays as it was.
  const data = (file?.data ?? {}) as Record<string, unknown>;
  const comparable = (value: unknown) => JSON.stringify(value instanceof Date ? value.toISOString().slice(0, 10) : value);
  const changed = Object.fromEntries(
    Object.entries(fieldsFromForm(form, specs)).filter(([name, value]) => {
      const spec = specs.find((f) => f.name === name);
      const before = data[name] ?? (spec?.kind === 'audience' ? 'all' : spec?.kind === 'checkbox' ? false : spec?.default);
      return comparable(value) !== comparable(before);
    }),
  );
  return writeDocFile(original, changed, separator + body.replace(/\s*$/, '\n'));
}

/** A file's fields and body for the form. */
export function formOf(text: string): { data: Record<string, unknown>; body: string } {
  const split = splitFrontmatter(text);
  return { data: (split?.data ?? {}) as Record<string, unknown>, body: (split?.body ?? text).replace(/^\n/, '') };
}

const checked = new Map<string, ContentProblem[]>();
/** Checks kept: a few drafts open in editors at a time, each viewed again and again. */
const CHECKS_KEPT = 32;

/**
 * The content check's problems with this one file in place of the published one: what publishing it
 * would meet. Reading a large folder takes a while, so the verdict on one text against the content
 * served is kept until either changes.
 */
export function problemsWith(collection: EditableCollection, id: string, text: string): ContentProblem[] {
  const path = contentPathOf(collection, id);
  const key = `${servedContent().digest}\n${path}\n${createHash('sha256').update(text).digest('hex')}`;
  const known = checked.get(key);
  if (known) return known;
  const reading = readServedFolderWith(new Map([[path, text]]));
  const problems = reading.ok ? [] : reading.problems;
  if (checked.size >= CHECKS_KEPT) checked.delete(checked.keys().next().value!);
  checked.set(key, problems);
  return problems;
}

/**
 * Who may edit an entry: heads, and, where site.yaml says `editing: { owners: true }`, the people whose
 * position owns it. New entries are for heads only.
 */
export async function mayEdit(user: (Actor & { position: string }) | undefined, owner: string | undefined): Promise<boolean> {
  if (!user || user.disabled) return false;
  if (user.appRole === 'head') return true;
  if (owner === undefined) return false;
  return (await siteSettings()).editing.owners && user.position === owner;
}

/** The role that owns an entry, for `mayEdit`: documents and scripts have owners, lessons do not. */
export async function ownerOf(collection: EditableCollection, id: string): Promise<string | undefined> {
  if (collection === 'docs') return (await docById(id))?.data.owner;
  if (collection === 'scripts') return (await scriptById(id))?.data.owner;
  return undefined;
}

/** Where a body first holds something that is not allowed, and what, in the site's language. */
export function unsafeMessage(t: Translator['t'], unsafe: UnsafeConstruct): string {
  return t('editor.unsafe', { line: unsafe.line, column: unsafe.column, what: t(`editor.unsafe.${unsafe.kind}`, { name: unsafe.name ?? '' }) });
}
