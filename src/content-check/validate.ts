import type { z } from 'astro/zod';
import { parseDocLink } from '../domain/doc-links';
import { headingsOf } from '../domain/headings';
import { computePay, RECORD_UNITS } from '../domain/motivation';
import { compareVersions } from '../domain/versions';
import { checklistSchema, type ChecklistData } from '../schemas/checklist';
import { courseSchema, lessonSchema, type CourseData, type LessonData } from '../schemas/course';
import { dialogueSchema, type DialogueData } from '../schemas/dialogue';
import { docSchema, type DocData } from '../schemas/doc';
import { problemsFromZod, type ContentProblem } from '../schemas/error-map';
import type { RawContent, RawEntry } from './folder';
import { readBody } from './mdx-safety';
import { contentMessages, type ContentLocale } from '../schemas/messages';
import { motivationSchema, type MotivationData } from '../schemas/motivation';
import { quizSchema, type QuizData } from '../schemas/quiz';
import { roleSchema, type RoleData } from '../schemas/role';
import { scriptSchema, type ScriptData } from '../schemas/script';
import { siteSchema, type SiteData } from '../schemas/site';
import { calendarSchema, type CalendarData } from '../schemas/calendar';
import { startOfDay } from '../domain/calendar';

/** A validated entry: its id and file, and its fields as the schema outputs them. */
export interface Entry<T> {
  id: string;
  file: string;
  data: T;
  body?: string;
}

/** Every collection of a content folder, validated. */
export interface CheckedContent {
  site: SiteData | undefined;
  /** The company's years of the production calendar; none without calendar.yaml. */
  calendar: CalendarData;
  docs: Entry<DocData>[];
  scripts: Entry<ScriptData>[];
  dialogues: Entry<DialogueData>[];
  courses: Entry<CourseData>[];
  lessons: Entry<LessonData>[];
  quizzes: Entry<QuizData>[];
  checklists: Entry<ChecklistData>[];
  roles: Entry<RoleData>[];
  motivation: Entry<MotivationData>[];
}

/** Validates every file against its schema, then every cross-reference between files. */
export function validateContent(raw: RawContent, locale: ContentLocale = 'ru') {
  const problems: ContentProblem[] = [...raw.problems];
  const content = parseFiles(raw, problems, locale);
  const check = referenceChecker(raw, problems, locale);
  checkDocsAndScripts(check, content);
  for (const { file, data } of content.dialogues) checkDialogue(check, file, data);
  checkCourses(check, content, raw);
  checkQuizzes(check, content);
  checkChecklists(check, content);
  checkRoles(check, content);
  for (const { file, data } of content.motivation) checkScheme(check, file, data);
  checkKeptVersions(check, content, raw);
  checkBodies(check, raw, locale);
  if (raw.calendar) checkCalendar(check, raw.calendar.file, content.calendar);
  return { content, problems };
}

/** Every file through its schema; a file that does not fit adds its problems and is left out. */
function parseFiles(raw: RawContent, problems: ContentProblem[], locale: ContentLocale): CheckedContent {
  function parseAll<S extends z.ZodType>(entries: RawEntry[], schema: S): Entry<z.output<S>>[] {
    const out: Entry<z.output<S>>[] = [];
    for (const entry of entries) {
      const result = schema.safeParse(entry.data ?? {});
      if (result.success) out.push({ id: entry.id, file: entry.file, data: result.data, body: entry.body });
      else problems.push(...problemsFromZod(result.error, entry.file, entry.data, locale));
    }
    return out;
  }
  const siteResult = raw.site ? siteSchema.safeParse(raw.site.data ?? {}) : undefined;
  if (siteResult && !siteResult.success) problems.push(...problemsFromZod(siteResult.error, raw.site!.file, raw.site!.data, locale));
  const calendarResult = raw.calendar ? calendarSchema.safeParse(raw.calendar.data ?? {}) : undefined;
  if (calendarResult && !calendarResult.success) problems.push(...problemsFromZod(calendarResult.error, raw.calendar!.file, raw.calendar!.data, locale));
  return {
    site: siteResult?.success ? siteResult.data : undefined,
    calendar: calendarResult?.success ? calendarResult.data : { years: {} },
    docs: parseAll(raw.docs, docSchema),
    scripts: parseAll(raw.scripts, scriptSchema),
    dialogues: parseAll(raw.dialogues, dialogueSchema),
    courses: parseAll(raw.courses, courseSchema),
    lessons: parseAll(raw.lessons, lessonSchema),
    quizzes: parseAll(raw.quizzes, quizSchema),
    checklists: parseAll(raw.checklists, checklistSchema),
    roles: parseAll(raw.roles, roleSchema),
    motivation: parseAll(raw.motivation, motivationSchema),
  };
}

type Checker = ReturnType<typeof referenceChecker>;

/** What every check reports with: a problem, a reference to another file, a link to a document's section. */
function referenceChecker(raw: RawContent, problems: ContentProblem[], locale: ContentLocale) {
  const m = contentMessages[locale];
  // Ids of every file that exists, parsed or not, so one mistake is not reported twice.
  const ids = (entries: RawEntry[]) => new Set(entries.map((e) => e.id));
  const known = {
    role: ids(raw.roles),
    doc: ids(raw.docs),
    quiz: ids(raw.quizzes),
    checklist: ids(raw.checklists),
    course: ids(raw.courses),
    dialogue: ids(raw.dialogues),
    motivation: ids(raw.motivation),
  };
  const anchors = new Map(raw.docs.map((d) => [d.id, new Set(headingsOf(d.body ?? '').map((h) => h.slug))]));
  const report = (file: string, field: string, message: string) => problems.push({ file, field, message });
  const refer = (file: string, field: string, kind: keyof typeof known, id: string | undefined) => {
    if (id === undefined || known[kind].has(id)) return;
    report(file, field, m.missing(m.kinds[kind], id, [...known[kind]].sort()));
  };
  return {
    m,
    known,
    report,
    refer,
    referDoc(file: string, field: string, link: string) {
      const { docId, section } = parseDocLink(link);
      if (!known.doc.has(docId)) return refer(file, field, 'doc', docId);
      if (section && !anchors.get(docId)?.has(section)) report(file, field, m.missingSection(docId, section));
    },
    referAudience(file: string, audience: 'all' | string[]) {
      if (audience === 'all') return;
      audience.forEach((role, i) => refer(file, `audience[${i + 1}]`, 'role', role));
    },
    unique(file: string, field: string, values: string[]) {
      const seen = new Set<string>();
      values.forEach((value) => {
        if (seen.has(value)) report(file, field, m.duplicateId(value));
        seen.add(value);
      });
    },
  };
}

function checkDocsAndScripts(c: Checker, content: CheckedContent) {
  const onPaths = new Set(content.roles.flatMap((r) => r.data.path.docs));
  for (const { id, file, data } of content.docs) {
    // A term for confirmations means nothing on a document nobody is asked to confirm.
    if (data.validForMonths !== undefined && !data.requiresAck && !onPaths.has(id)) c.report(file, 'validForMonths', c.m.validForNobody());
    c.refer(file, 'owner', 'role', data.owner);
    c.referAudience(file, data.audience);
    data.related.forEach((link, i) => c.referDoc(file, `related[${i + 1}]`, link));
  }
  for (const { file, data } of content.scripts) {
    c.refer(file, 'owner', 'role', data.owner);
    c.referAudience(file, data.audience);
    c.refer(file, 'dialogue', 'dialogue', data.dialogue);
    data.related.forEach((link, i) => c.referDoc(file, `related[${i + 1}]`, link));
  }
}

/** Each year of calendar.yaml holds its own days; working weekend days are weekend days; no day is both. */
function checkCalendar(c: Checker, file: string, calendar: CalendarData) {
  for (const [year, data] of Object.entries(calendar.years)) {
    if (!/^\d{4}$/.test(year)) {
      c.report(file, `years.${year}`, c.m.calendarYear(year));
      continue;
    }
    const check = (list: 'holidays' | 'workdays', days: string[]) =>
      days.forEach((day, i) => {
        const field = `years.${year}.${list}[${i + 1}]`;
        if (!day.startsWith(`${year}-`)) c.report(file, field, c.m.calendarOtherYear(day, year));
        const weekday = new Date(startOfDay(day)).getUTCDay();
        if (list === 'workdays' && weekday !== 0 && weekday !== 6) c.report(file, field, c.m.calendarNotWeekend(day));
        if (list === 'workdays' && data.holidays.includes(day)) c.report(file, field, c.m.calendarBoth(day));
      });
    check('holidays', data.holidays);
    check('workdays', data.workdays);
  }
}

/**
 * Bodies are rendered from their syntax tree and never run: a body holds Markdown and the authoring
 * components only, whether it was written in the browser or by hand (src/content-check/mdx-safety.ts).
 */
function checkBodies(c: Checker, raw: RawContent, locale: ContentLocale) {
  const fields = { ru: 'текст, строка', en: 'text, line' }[locale];
  for (const entry of [...raw.docs, ...raw.scripts, ...raw.lessons]) {
    const place = (bodyLine: number) => {
      const line = bodyLine > 0 ? (entry.bodyLine ?? 1) + bodyLine - 1 : 0;
      return line > 0 ? `${fields} ${line}` : fields.split(',')[0]!;
    };
    const { unsafe, links, images } = readBody(entry.body ?? '');
    for (const construct of unsafe) c.report(entry.file, place(construct.line), c.m.unsafeMdx(construct.kind, construct.name));
    // A link to a document or to one of its sections leads somewhere: the link picker writes them so.
    for (const link of links) {
      const target = docLinkTarget(link.url);
      if (target) c.referDoc(entry.file, place(link.line), target);
    }
    // An image of the portal's own is a file in docs/_media/<doc>/.
    for (const image of images) {
      const media = mediaPathOf(image.url);
      if (media !== undefined && !raw.media.has(media)) c.report(entry.file, place(image.line), c.m.missingImage(image.url));
    }
  }
}

/** `<doc>/<name>` for the address of a document's image (`/media/docs/<doc>/<name>`); undefined for any other address. */
export function mediaPathOf(url: string): string | undefined {
  const match = /^\/media\/docs\/([^/?#]+)\/([^/?#]+)$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** `id` or `id#section` for a link to a document on this site (`/docs/<id>/#<section>`); undefined for any other link. */
function docLinkTarget(url: string): string | undefined {
  const match = /^\/docs\/([^/?#]+)\/?(?:#(.*))?$/.exec(url);
  if (!match) return undefined;
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  return match[2] ? `${decode(match[1]!)}#${decode(match[2])}` : decode(match[1]!);
}

/** A dialogue's moves lead to nodes that exist, every node is reached from the start, and no path goes round in a loop. */
function checkDialogue(c: Checker, file: string, data: DialogueData) {
  const { m } = c;
  const nodeIds = Object.keys(data.nodes);
  if (!data.nodes[data.start]) return c.report(file, 'start', m.missing(m.kinds.node, data.start, nodeIds));
  for (const [id, node] of Object.entries(data.nodes)) {
    node.options?.forEach((option, i) => {
      const at = `nodes.${id}.options[${i + 1}]`;
      if (!data.nodes[option.next]) c.report(file, `${at}.next`, m.missing(m.kinds.node, option.next, nodeIds));
      if (option.doc) c.referDoc(file, `${at}.doc`, option.doc);
    });
  }
  // Depth-first walk from the start: a node seen again on the current path is a loop.
  const reached = new Set<string>();
  const walk = (id: string, path: string[]): boolean => {
    if (path.includes(id)) {
      c.report(file, `nodes.${id}`, m.loop([...path.slice(path.indexOf(id)), id]));
      return false;
    }
    if (reached.has(id)) return true;
    reached.add(id);
    for (const option of data.nodes[id]?.options ?? []) {
      if (data.nodes[option.next] && !walk(option.next, [...path, id])) return false;
    }
    return true;
  };
  if (walk(data.start, [])) {
    for (const id of nodeIds) if (!reached.has(id)) c.report(file, `nodes.${id}`, m.unreachableNode(id));
  }
}

/** A course lists exactly the lesson files in its folder, once each; lessons point to quizzes and documents that exist. */
function checkCourses(c: Checker, content: CheckedContent, raw: RawContent) {
  const { m } = c;
  for (const { id, file, data } of content.courses) {
    c.referAudience(file, data.audience);
    c.refer(file, 'quiz', 'quiz', data.quiz);
    c.refer(file, 'checklist', 'checklist', data.checklist);
    const files = new Set(raw.lessons.filter((l) => l.id.startsWith(`${id}/`)).map((l) => l.id.slice(id.length + 1)));
    data.lessons.forEach((lesson, i) => {
      if (!files.has(lesson)) c.report(file, `lessons[${i + 1}]`, m.missing(m.kinds.lesson, lesson, [...files].sort()));
    });
    c.unique(file, 'lessons', data.lessons);
    for (const lesson of files) if (!data.lessons.includes(lesson)) c.report(file, 'lessons', m.lessonNotListed(lesson));
  }
  for (const { file, data } of content.lessons) {
    c.refer(file, 'quiz', 'quiz', data.quiz);
    data.docs.forEach((link, i) => c.referDoc(file, `docs[${i + 1}]`, link));
  }
}

/** Question and option ids are unique, a draw fits the bank, and every choice question has its right answers. */
function checkQuizzes(c: Checker, content: CheckedContent) {
  const { m } = c;
  for (const { file, data } of content.quizzes) {
    c.unique(file, 'questions', data.questions.map((q) => q.id));
    if (data.draw && data.draw > data.questions.length) c.report(file, 'draw', m.drawTooMany(data.draw, data.questions.length));
    data.questions.forEach((q, i) => {
      const at = `questions[${i + 1}]`;
      if (q.doc) c.referDoc(file, `${at}.doc`, q.doc);
      if (q.type === 'single' || q.type === 'multiple') {
        c.unique(file, `${at}.options`, q.options.map((o) => o.id));
        const correct = q.options.filter((o) => o.correct).length;
        if (correct === 0) c.report(file, `${at}.options`, m.noCorrectOption());
        else if (q.type === 'single' && correct > 1) c.report(file, `${at}.options`, m.singleNeedsOne(correct));
      }
    });
  }
}

function checkChecklists(c: Checker, content: CheckedContent) {
  for (const { file, data } of content.checklists) {
    c.referAudience(file, data.audience);
    c.unique(file, 'items', data.items.map((item) => item.id));
    data.items.forEach((item, i) => {
      item.docs.forEach((link, j) => c.referDoc(file, `items[${i + 1}].docs[${j + 1}]`, link));
      // Coverage counts critical items only: a minimum on any other would be silently ignored.
      if (item.minCertified !== undefined && !item.critical) c.report(file, `items[${i + 1}].minCertified`, c.m.minCertifiedNotCritical());
    });
  }
}

/** Roles point to roles, schemes, documents, courses and checklists that exist, and reporting lines never go round in a circle. */
function checkRoles(c: Checker, content: CheckedContent) {
  for (const { id, file, data } of content.roles) {
    c.refer(file, 'reportsTo', 'role', data.reportsTo);
    c.refer(file, 'motivation', 'motivation', data.motivation);
    data.path.docs.forEach((doc, i) => c.refer(file, `path.docs[${i + 1}]`, 'doc', doc));
    data.path.courses.forEach((course, i) => c.refer(file, `path.courses[${i + 1}]`, 'course', course));
    data.path.checklists.forEach((list, i) => c.refer(file, `path.checklists[${i + 1}]`, 'checklist', list));
    const chain = [id];
    let next = data.reportsTo;
    while (next && !chain.includes(next)) {
      chain.push(next);
      next = content.roles.find((r) => r.id === next)?.data.reportsTo;
    }
    // A circle is reported once, at the role that comes first by id.
    if (next === id && chain.every((member) => member >= id)) c.report(file, 'reportsTo', c.m.reportsToLoop([...chain, id]));
  }
}

/** A bonus scheme's weights add up to 100, its scales rise, and each worked example computes to its stated total. */
function checkScheme(c: Checker, file: string, data: MotivationData) {
  const { m } = c;
  if (data.statute) c.referDoc(file, 'statute', data.statute);
  c.unique(file, 'kpis', data.kpis.map((k) => k.id));
  const sum = Math.round(data.kpis.reduce((total, k) => total + k.weight, 0) * 100) / 100;
  if (sum !== 100) c.report(file, 'kpis', m.weightsSum(sum));
  data.kpis.forEach((k, i) => {
    if (k.scale.some((step, j) => j > 0 && step.from <= k.scale[j - 1]!.from)) c.report(file, `kpis[${i + 1}].scale`, m.scaleOrder());
    // A KPI named like a column of the sales figures is taken from it, in that column's unit.
    const unit = RECORD_UNITS[k.id];
    if (unit && k.unit !== unit) c.report(file, `kpis[${i + 1}].unit`, m.kpiUnit(k.id, unit));
  });
  const kpiIds = data.kpis.map((k) => k.id);
  data.penalties.forEach((p, i) => {
    if (!kpiIds.includes(p.kpi)) c.report(file, `penalties[${i + 1}].kpi`, m.missing(m.kinds.kpi, p.kpi, kpiIds));
  });
  // A worked example is a promise in the statute: the calculator must give the same total to the rouble.
  data.examples.forEach((example, i) => {
    const at = `examples[${i + 1}]`;
    for (const id of Object.keys(example.kpis)) if (!kpiIds.includes(id)) c.report(file, `${at}.kpis.${id}`, m.missing(m.kinds.kpi, id, kpiIds));
    const absent = kpiIds.filter((id) => example.kpis[id] === undefined);
    if (absent.length > 0) return c.report(file, `${at}.kpis`, m.exampleKpisMissing(absent));
    // With weights that do not add up the formula is already reported wrong; one mistake, one report.
    if (sum !== 100) return;
    const outcome = computePay(data, example);
    if (!outcome.ok) return c.report(file, `${at}.base`, m.tooSmall(0));
    if (outcome.pay.total !== example.total) c.report(file, `${at}.total`, m.exampleTotal(outcome.pay.total, example.total));
  });
}

/** A kept earlier version belongs to a document, is named by its version, and is earlier than the current one. */
function checkKeptVersions(c: Checker, content: CheckedContent, raw: RawContent) {
  const { m } = c;
  for (const { file, id, data } of raw.docVersions) {
    const [docId, version] = id.split('/') as [string, string];
    if (!c.known.doc.has(docId)) {
      c.refer(file, '(file)', 'doc', docId);
      continue;
    }
    if (!/^\d+\.\d+$/.test(version)) {
      c.report(file, '(file)', m.versionFileName(version));
      continue;
    }
    const written = (data as { version?: unknown } | null)?.version;
    if (written !== undefined && String(written) !== version) c.report(file, 'version', m.versionFileMismatch(String(written), version));
    const current = content.docs.find((d) => d.id === docId)?.data.version;
    if (current && compareVersions(version, current) >= 0) c.report(file, '(file)', m.versionNotEarlier(version, current));
  }
}
