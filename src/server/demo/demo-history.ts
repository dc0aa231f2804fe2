import { bestChoice } from '../../domain/dialogue';
import { drawQuestions, seededRandom } from '../../domain/quiz-draw';
import { gradeAttempt } from '../../domain/quiz-grading';
import type { QuizAnswer } from '../../schemas/quiz-answer';
import type { DialogueData } from '../../schemas/dialogue';
import type { Question, QuizData } from '../../schemas/quiz';
import { linkedDocId } from '../../domain/signoffs';
import { workingCalendar, type WorkingCalendar } from '../../domain/working-days';
import { demoIds } from './demo-seed';
import type { StoreData, StoredUser } from '../store/data';
import { addDays, addMonths, dayOf, DAY_MS, HOUR_MS, shiftDays, startOfDay } from '../../domain/calendar';

/** The content the demo history is made from. */
export interface HistoryContent {
  roles: { id: string; path: { courses: string[]; checklists: string[] } }[];
  courses: { id: string; lessons: string[]; quiz?: string; targetDays?: number }[];
  quizzes: Map<string, QuizData>;
  checklists: {
    id: string;
    rating: boolean;
    validForMonths?: number | undefined;
    items: { id: string; docs: string[]; critical?: boolean; skill?: string; validForMonths?: number | undefined }[];
  }[];
  docVersions: ReadonlyMap<string, string>;
  /** Documents whose earlier major version's text is kept: that version, and the day the current one replaced it. */
  revisions?: ReadonlyMap<string, { earlier: string; replacedOn: Date }>;
  dialogues: { id: string; data: DialogueData }[];
  /** The documents each position must confirm, in reading order, with their current version, text hash and the day it took effect. */
  requiredDocs: Map<string, { id: string; version: string; contentHash: string; effective: Date }[]>;
  /** The company's production calendar, for the working days the mentoring rules count; the built-in one when absent. */
  calendar?: WorkingCalendar;
}

/** A right answer to a question, or a plausible wrong one. */
function answerFor(question: Question, right: boolean): QuizAnswer {
  switch (question.type) {
    case 'single': {
      const pick = right ? question.options.find((o) => o.correct)! : (question.options.find((o) => !o.correct) ?? question.options[0]!);
      return { type: 'single', option: pick.id };
    }
    case 'multiple': {
      const correct = question.options.filter((o) => o.correct).map((o) => o.id);
      return { type: 'multiple', options: right ? correct : correct.slice(0, Math.max(1, correct.length - 1)).concat(question.options.filter((o) => !o.correct).slice(0, 1).map((o) => o.id)) };
    }
    case 'truefalse':
      return { type: 'truefalse', value: right ? question.answer : !question.answer };
    case 'order': {
      const order = question.items.map((_, i) => i);
      if (!right && order.length > 1) [order[0], order[1]] = [order[1]!, order[0]!];
      return { type: 'order', order };
    }
    case 'number':
      return { type: 'number', value: right ? question.answer : question.answer * 1.1 + 1 };
  }
}

const at = (hired: string, day: number, hour = 10) => new Date(startOfDay(hired) + day * DAY_MS + hour * HOUR_MS).toISOString();
const onDay = (day: string, hour: number, minutes = 0) => new Date(startOfDay(day) + hour * HOUR_MS + minutes * 60_000).toISOString();

/** What a mentor writes when a skill needs more work, by the skill's short name; anything else gets the last line. */
const NEEDS_WORK: Record<string, string> = {
  'lead-qualification': 'Бюджет и сроки отмечены, а кто принимает решение — не выяснено, и заявка уже «Квалифицирована». Спроси о ЛПР и покажи на следующих заявках.',
  'meeting-protocol': 'Протокол внесён на следующий день после обеда, договорённости без сроков. Вноси в день встречи до 18:00, у каждой договорённости — срок и ответственный.',
  'objection-handling': 'На «дорого» сразу перешёл к аргументам, не спросив, с чем сравнивает клиент. Пройди шаги метода по порядку на другом звонке.',
  'crm-reporting': 'В «Итогах дня» нет трёх действий на завтра, а у двух сделок «Уверенно» оплата не в этом месяце. Поправь прогноз по правилам отчётности.',
  'rack-project': 'Нагрузка на пару балок посчитана по среднему весу паллеты, а не по наибольшему брутто. Пересчитай по руководству и покажи следующий проект.',
  'site-survey': 'В опросном листе нет высоты до спринклеров и данных о полу. Без них расчёт не начинают — дособери на следующем выезде.',
  other: 'Не всё из того, что должен увидеть наставник, получилось без подсказки. Разберём на пятничной встрече — и попросишь проверить снова с новым примером.',
};
const PASSED = [
  'Всё по регламенту и без подсказок, следующий шаг с датой.',
  'Зачтено. Хороший темп разговора, вопросы о задаче клиента — вовремя.',
  'Уверенно и по делу; в следующий раз короче рассказ о компании.',
];
const FIRST_OBSERVATION = 'Первое наблюдение зачтено. Второе — на другом реальном примере в другой день.';
const SECOND_OBSERVATION = 'Второе наблюдение в другой день — тоже без замечаний. Навык зачтён.';
const REWORKED = 'Замечания прошлой проверки учтены: на новом примере всё по регламенту.';
const NOTES = [
  'Запись звонка в карточке лида, входящая заявка с сайта.',
  'Встреча с клиентом в четверг в 11:00 — можно поехать со мной.',
  'Сделка в CRM, КП отправлено вчера.',
  'Звонок клиенту во вторник, после обеда.',
];

/**
 * How each person of the demo company has read their documents: new hires a few a working day from
 * their first day, experienced people a few working days after a version took effect. `unread` of the
 * last documents in reading order are still unread, overdue: the gaps a real department has.
 */
const READING: Record<string, Reading> = {
  head: { lag: 1 },
  mentor1: { lag: 1 },
  // She read the earlier versions of revised documents (see demo-seed.ts) and has read again all but the latest revision.
  mentor2: { lag: 2, rereadAllButLatest: true },
  mentor3: { lag: 3 },
  kam1: { lag: 2 },
  crm1: { lag: 1 },
  trainee1: { perDay: 3 },
  trainee2: { perDay: 3, unread: 1 },
  trainee3: { perDay: 3, unread: 2 },
  trainee4: { perDay: 4 },
  trainee5: { perDay: 5 },
};

/** How one person reads: new hires `perDay` documents a working day, others `lag` working days after a version took effect. */
interface Reading {
  perDay?: number;
  lag?: number;
  /** The last documents in reading order still unread. */
  unread?: number;
  /** Someone holding earlier versions of revised documents has read again all but the latest revision. */
  rereadAllButLatest?: boolean;
}

/**
 * A realistic history on top of the demo people: the longer someone has worked, the further they
 * are — documents confirmed, lessons taken, quizzes failed and passed, sign-offs with "needs work"
 * before a pass, course ratings, dialogue practice — and the experienced people took the courses and
 * had their skills confirmed when Salesbook came to the department. Quiz attempts are drawn and graded
 * by the quiz engine itself, so every figure on the tracker is computed, not typed. Sign-offs keep the
 * mentoring regulation: after "needs work" a new request comes at least 2 working days later, and a
 * critical skill is passed by two observations on different days.
 */
export function addDemoHistory(data: StoreData, content: HistoryContent, today: Date): void {
  const history = new DemoHistory(data, content, today);
  // Trainees: how far each got depends on how long they have been here.
  for (const login of ['trainee1', 'trainee2', 'trainee3', 'trainee4']) {
    const trainee = data.users.find((u) => u.login === login);
    if (trainee) history.trainee(trainee);
  }
  // The experienced: the head took the CRM course; the senior managers, the key-account manager and the
  // CRM administrator took their courses and had their skills confirmed. The senior managers hold
  // fewer skills one after another, so the coverage page has thin skills to show.
  const head = data.users.find((u) => u.appRole === 'head');
  if (head) history.experienced(head, 'none');
  data.users
    .filter((u) => u.appRole === 'mentor')
    .forEach((mentor, index) =>
      history.experienced(mentor, index === 0 ? 'all' : index === 1 ? 'but-last-two' : 'but-half-of-last', index === 0 ? { lapsed: true, judgedOnTheDay: true } : PLAIN),
    );
  for (const user of data.users.filter((u) => u.appRole === 'employee' && u.hired < u.createdAt.slice(0, 10))) history.experienced(user, 'all');
  // Everyone has read their documents, the way each reads.
  for (const user of data.users) history.confirmations(user, READING[user.login] ?? { lag: 2 });
}

/**
 * A trainee's history for each of `users`, as far as their days since hiring take them: how the
 * benchmark gives a large company a year of training to show on the team pages.
 */
export function addTraineeHistory(data: StoreData, content: HistoryContent, today: Date, users: readonly StoredUser[]): void {
  const history = new DemoHistory(data, content, today);
  for (const user of users) history.trainee(user);
}

type Holding = 'all' | 'none' | 'but-last-two' | 'but-half-of-last';

/**
 * The regulation whose latest major version changed one section (the vacation hand-over terms). The
 * first senior manager's skills were signed off before it took effect, against the version then in
 * force, so the one skill tied to that section asks for a recheck and its sibling stays passed.
 */
export const REVISED_REGULATION = 'client-handover';

/** What the first senior manager's record shows beyond the others': how time and a changed text reopen a skill. */
interface Showcase {
  /** The first critical skill whose pass holds a year or less was certified 13 months ago, at the annual certification, and has expired. */
  lapsed: boolean;
  /** Sign-offs record the version of REVISED_REGULATION in force on their day, as a mentor's verdict does. */
  judgedOnTheDay: boolean;
}
const PLAIN: Showcase = { lapsed: false, judgedOnTheDay: false };
/** How long ago the lapsed skill was certified. */
const CERTIFIED_MONTHS_AGO = 13;

/** Writes one person's past into the data, step by step; the same data, content and day give the same past. */
class DemoHistory {
  readonly #data: StoreData;
  readonly #content: HistoryContent;
  readonly #today: Date;
  readonly #calendar: WorkingCalendar;
  readonly #random = seededRandom('salesbook-demo-history');
  readonly #id = demoIds('salesbook-demo-history-ids');
  readonly #head: StoredUser | undefined;

  constructor(data: StoreData, content: HistoryContent, today: Date) {
    this.#data = data;
    this.#content = content;
    this.#today = today;
    this.#calendar = content.calendar ?? workingCalendar();
    this.#head = data.users.find((u) => u.appRole === 'head');
  }

  /**
   * A trainee's courses, sign-offs and practice, as far as their days since hiring take them. The
   * courses run side by side, as the 90-day plan has them, each finished before its target day.
   */
  trainee(user: StoredUser): void {
    const mentorId = user.mentorId ?? this.#head?.id;
    const tenure = Math.floor((this.#today.getTime() - startOfDay(user.hired)) / DAY_MS);
    let day = 2;
    this.#path(user).courses.forEach((courseId, i) => {
      const start = 2 + 2 * i;
      const target = this.#content.courses.find((c) => c.id === courseId)?.targetDays ?? 30;
      const finish = tenure > target;
      const share = finish ? 1 : Math.max(0, Math.min(1, (tenure - start) / Math.max(1, target - start)));
      day = Math.max(day, this.#study(user, courseId, start, share, finish, user.hired, tenure));
    });
    if (mentorId && tenure > 20) this.#signoffs(user, mentorId, Math.min(day, tenure - 15), Math.min(tenure - 1, 50), tenure > 80 ? 1 : tenure > 60 ? 0.6 : 0.2, tenure > 40);
    if (tenure > 20) {
      this.#practise(user, 0, Math.min(10, tenure - 1), false);
      this.#practise(user, 0, Math.min(11, tenure - 1), true);
    }
  }

  /**
   * Someone who worked here before Salesbook came: in its first weeks they took the courses of their
   * path and a head confirmed the skills they `hold`, critical ones by two observations on different days.
   */
  experienced(user: StoredUser, hold: Holding, showcase: Showcase = PLAIN): void {
    const start = user.createdAt.slice(0, 10);
    const courseDay = dayOf(new Date(Math.max(startOfDay(addDays(start, 7)), shiftDays(this.#today, -150).getTime())));
    let day = 0;
    for (const courseId of this.#path(user).courses) day = this.#study(user, courseId, day, 1, true, courseDay);
    const head = this.#head;
    if (!head || head.id === user.id || hold === 'none') return;
    const lists = this.#checklists(user);
    const held = lists.flatMap((list, i) => {
      const last = i === lists.length - 1;
      if (hold === 'but-last-two' && lists.length > 2 && i >= lists.length - 2) return [];
      if (hold === 'but-half-of-last' && lists.length > 1 && last) return list.items.slice(0, Math.ceil(list.items.length / 2)).map((item) => ({ list, item }));
      return list.items.map((item) => ({ list, item }));
    });
    // The annual certification, a little over a year ago on working days: a critical skill whose pass holds a year or less has lapsed since.
    const lapsing = showcase.lapsed ? held.find(({ list, item }) => item.critical && (item.validForMonths ?? list.validForMonths ?? CERTIFIED_MONTHS_AGO) < CERTIFIED_MONTHS_AGO)?.item : undefined;
    const certification = this.#calendar.addWorkingDays(addMonths(dayOf(this.#today), -CERTIFIED_MONTHS_AGO), 0);
    held.forEach(({ list, item }, index) => {
      const lapsed = item === lapsing;
      const first = lapsed ? certification : this.#calendar.addWorkingDays(start, 2 + Math.floor(index / 4));
      const second = this.#calendar.addWorkingDays(first, 2);
      if (startOfDay(item.critical ? second : first) >= startOfDay(dayOf(this.#today))) return;
      const rating = () => (list.rating ? 4 + Math.floor(this.#random() * 2) : null);
      const verdict = (when: string, comment: string) =>
        this.#data.signoffs.push({
          id: this.#id(),
          userId: user.id,
          checklistId: list.id,
          itemId: item.id,
          verdict: 'passed',
          rating: rating(),
          comment,
          signedBy: head.id,
          at: onDay(when, 7, index),
          docVersions: showcase.judgedOnTheDay ? this.#docVersionsOn(item.docs, when) : this.#docVersions(item.docs),
          requestId: null,
        });
      if (lapsed) {
        verdict(first, 'Ежегодная аттестация, первое наблюдение: навык на реальной работе.');
        verdict(second, 'Ежегодная аттестация, второе наблюдение в другой день — навык подтверждён на год.');
      } else if (item.critical) {
        verdict(first, 'Первое наблюдение при вводе книги продаж: навык на реальной работе.');
        verdict(second, 'Второе наблюдение в другой день — навык подтверждён.');
      } else verdict(first, 'Подтверждено при вводе книги продаж: навык на реальной работе.');
    });
  }

  /**
   * The documents a person has confirmed beyond what the seed gave them, each in the version in force
   * on the day they read it and never before their account was made: see READING.
   */
  confirmations(user: StoredUser, reading: Reading): void {
    const required = this.#content.requiredDocs.get(user.position) ?? [];
    const mine = this.#data.acknowledgements.filter((a) => a.userId === user.id);
    const read = new Set(mine.map((a) => a.docId));
    // Documents read in an earlier version: with `rereadAllButLatest`, read again but the latest revision.
    const earlier = required.filter((doc) => mine.some((a) => a.docId === doc.id && a.version !== doc.version));
    const latestRevision = Math.max(...earlier.map((doc) => doc.effective.getTime()));
    if (reading.rereadAllButLatest) for (const doc of earlier) if (doc.effective.getTime() < latestRevision) read.delete(doc.id);
    const start = [user.hired, user.createdAt.slice(0, 10)].reduce((a, b) => (b > a ? b : a));
    const today = dayOf(this.#today);
    required.slice(0, required.length - (reading.unread ?? 0)).forEach((doc, index) => {
      if (read.has(doc.id)) return;
      const effective = dayOf(doc.effective);
      const firstDays = reading.perDay ? this.#calendar.addWorkingDays(start, 1 + Math.floor(index / reading.perDay)) : this.#calendar.addWorkingDays(start, 1 + Math.floor(index / 5));
      const day = effective > start ? this.#calendar.addWorkingDays(effective, reading.lag ?? 1) : firstDays;
      if (day >= today) return;
      this.#data.acknowledgements.push({ id: this.#id(), userId: user.id, docId: doc.id, version: doc.version, contentHash: doc.contentHash, at: onDay(day, 5, 7 * (index % 8)) });
    });
  }

  #path(user: StoredUser) {
    return this.#content.roles.find((r) => r.id === user.position)?.path ?? { courses: [], checklists: [] };
  }

  /** The checklists of a person's path, in the path's order. */
  #checklists(user: StoredUser) {
    return this.#path(user).checklists.flatMap((id) => this.#content.checklists.filter((c) => c.id === id));
  }

  /** The current versions of the documents an item links to, as a verdict records them. */
  #docVersions(links: readonly string[]): Record<string, string> {
    const versions = this.#content.docVersions;
    return Object.fromEntries(links.map(linkedDocId).filter((d) => versions.has(d)).map((d) => [d, versions.get(d)!]));
  }

  /** The versions a verdict on `day` was judged against: REVISED_REGULATION's earlier version when the current one took effect later. */
  #docVersionsOn(links: readonly string[], day: string): Record<string, string> {
    const versions = this.#docVersions(links);
    const revision = this.#content.revisions?.get(REVISED_REGULATION);
    if (revision && versions[REVISED_REGULATION] && startOfDay(day) < revision.replacedOn.getTime()) versions[REVISED_REGULATION] = revision.earlier;
    return versions;
  }

  /** One attempt at a quiz, drawn and graded by the engine, answering rightly at `rightRate`; whether it passed. */
  #takeQuiz(user: StoredUser, quizId: string, day: number, rightRate: number, dayOffsetBase: string = user.hired): boolean | undefined {
    const quiz = this.#content.quizzes.get(quizId);
    if (!quiz) return undefined;
    const seed = `${user.login}-${quizId}-${day}`;
    const drawn = drawQuestions(quiz.questions, quiz, seed);
    const questions = drawn.map((d) => quiz.questions.find((q) => q.id === d.id)!);
    const answers = Object.fromEntries(questions.map((q) => [q.id, answerFor(q, this.#random() < rightRate)]));
    const graded = gradeAttempt(questions, answers, quiz.passScore);
    const startedAt = at(dayOffsetBase, day, 11);
    this.#data.quizAttempts.push({
      id: this.#id(),
      userId: user.id,
      quizId,
      kind: 'full',
      docVersions: this.#docVersions(quiz.questions.flatMap((q) => (q.doc ? [q.doc] : []))),
      seed,
      startedAt,
      deadline: quiz.timeLimitMinutes ? new Date(Date.parse(startedAt) + quiz.timeLimitMinutes * 60_000).toISOString() : null,
      questions: drawn,
      answers,
      submittedAt: new Date(Date.parse(startedAt) + 14 * 60_000).toISOString(),
      late: false,
      score: graded.score,
      passed: graded.passed,
      results: graded.results,
    });
    return graded.passed;
  }

  /**
   * Takes a course up to `share` of its lessons; with `finish`, also its quiz until passed, and rates
   * it. Nothing on or after `untilDay` (days from `base`). Returns the next free day.
   */
  #study(user: StoredUser, courseId: string, startDay: number, share: number, finish: boolean, base = user.hired, untilDay = Infinity): number {
    const course = this.#content.courses.find((c) => c.id === courseId);
    if (!course) return startDay;
    let day = startDay;
    const count = Math.round(course.lessons.length * share);
    for (const lesson of course.lessons.slice(0, count)) {
      if (day >= untilDay) return day;
      this.#data.lessonCompletions.push({ userId: user.id, lessonId: `${course.id}/${lesson}`, at: at(base, day, 15) });
      day += 1 + Math.floor(this.#random() * 2);
    }
    if (finish && course.quiz && day + 6 < untilDay) {
      // A first try that falls short, then a pass after reading again.
      if (!this.#takeQuiz(user, course.quiz, day, 0.55, base)) {
        day += 2;
        let tries = 0;
        while (tries++ < 3 && !this.#takeQuiz(user, course.quiz, day, 0.97, base)) day += 1;
      }
      const rating = 3 + Math.floor(this.#random() * 3);
      this.#data.courseFeedback.push({
        id: this.#id(),
        userId: user.id,
        courseId,
        rating,
        comment: rating === 5 ? 'Много примеров из нашей практики — пригодилось с первой недели.' : rating === 4 ? 'Полезно, но уроки про CRM хотелось бы с живыми экранами.' : 'Много текста, мало разборов звонков.',
        at: at(base, day + 1, 17),
      });
    } else if (course.quiz && share >= 1) {
      this.#takeQuiz(user, course.quiz, day, 0.5, base);
    }
    return day + 1;
  }

  /** The working day on or after `day` days since hiring, as days since hiring: mentors judge on working days. */
  #workday(hired: string, day: number): number {
    let current = day;
    while (!this.#calendar.isWorkingDay(addDays(hired, current))) current += 1;
    return current;
  }

  /**
   * Sign-offs spread from `startDay` to `lastDay` (days since hiring), never on or after today; the last
   * request still waits. A "needs work" is followed by a new request a week later, and never sooner
   * than 2 working days; a critical skill passes on a second observation on another day.
   */
  #signoffs(user: StoredUser, mentorId: string, startDay: number, lastDay: number, share: number, withRework: boolean): void {
    const lists = this.#checklists(user);
    const items = lists.flatMap((list) => list.items.map((item) => ({ list, item })));
    const done = Math.round(items.length * share);
    const step = Math.max(1, (lastDay - startDay) / Math.max(1, done + 1));
    const tenure = Math.floor((this.#today.getTime() - startOfDay(user.hired)) / DAY_MS);
    const inPast = (day: number) => day < tenure && day <= lastDay;
    // A second try after «needs work», or a second observation, may come after `lastDay`, never on or after today.
    const beforeToday = (day: number) => day < tenure;
    items.forEach(({ list, item }, index) => {
      if (index > done) return;
      let day = this.#workday(user.hired, Math.round(startDay + index * step));
      if (!inPast(day)) return;
      const docVersions = this.#docVersions(item.docs);
      const ask = (when: number) => {
        const request = { id: this.#id(), userId: user.id, checklistId: list.id, itemId: item.id, note: NOTES[index % NOTES.length]!, at: at(user.hired, when, 4) };
        this.#data.signoffRequests.push(request);
        return request;
      };
      const verdict = (verdict: 'passed' | 'needs-work', when: number, comment: string, requestId: string) =>
        this.#data.signoffs.push({
          id: this.#id(),
          userId: user.id,
          checklistId: list.id,
          itemId: item.id,
          verdict,
          rating: list.rating && verdict === 'passed' ? 3 + Math.floor(this.#random() * 3) : null,
          comment,
          signedBy: mentorId,
          at: at(user.hired, when, 11),
          docVersions,
          requestId,
        });
      let request = ask(day);
      if (index === done) return; // the last one is still waiting for the mentor
      if (withRework && index % 4 === 1) {
        verdict('needs-work', day, NEEDS_WORK[item.skill ?? ''] ?? NEEDS_WORK.other!, request.id);
        // A week later, and at least 2 working days after the "needs work", as the regulation asks.
        let again = this.#workday(user.hired, day + 7);
        while (this.#calendar.workingDaysBetween(addDays(user.hired, day), addDays(user.hired, again)) < 2) again = this.#workday(user.hired, again + 1);
        if (!beforeToday(again)) return;
        day = again;
        request = ask(day);
        verdict('passed', day, item.critical ? FIRST_OBSERVATION : REWORKED, request.id);
      } else verdict('passed', day, item.critical ? FIRST_OBSERVATION : PASSED[index % PASSED.length]!, request.id);
      if (!item.critical) return;
      const second = this.#workday(user.hired, day + 3);
      if (!beforeToday(second)) return;
      verdict('passed', second, SECOND_OBSERVATION, ask(second).id);
    });
  }

  /** One run of a practice dialogue to its end: the best answers, or a first wrong one when `good` is false. */
  #practise(user: StoredUser, dialogueIndex: number, day: number, good: boolean): void {
    const dialogue = this.#content.dialogues[dialogueIndex % Math.max(1, this.#content.dialogues.length)];
    if (!dialogue) return;
    const steps: { node: string; choice: number; score: number; best: number }[] = [];
    let node = dialogue.data.start;
    for (let guard = 0; guard < 50; guard++) {
      const options = dialogue.data.nodes[node]?.options;
      if (!options) break;
      const best = bestChoice(options);
      const choice = good || steps.length > 0 ? best : options.findIndex((_, i) => i !== best);
      steps.push({ node, choice, score: options[choice]!.score, best: options[best]!.score });
      node = options[choice]!.next;
    }
    const end = dialogue.data.nodes[node];
    if (!end?.ending) return;
    this.#data.dialogueRuns.push({
      id: this.#id(),
      userId: user.id,
      dialogueId: dialogue.id,
      version: dialogue.data.version,
      path: steps.map(({ node: n, choice }) => ({ node: n, choice })),
      end: node,
      ending: end.ending,
      score: steps.reduce((sum, x) => sum + x.score, 0),
      maxScore: steps.reduce((sum, x) => sum + x.best, 0),
      at: at(user.hired, day, 12),
    });
  }
}
