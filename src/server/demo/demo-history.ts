import { bestChoice } from '../../domain/dialogue';
import { drawQuestions, seededRandom } from '../../domain/quiz-draw';
import { gradeAttempt } from '../../domain/quiz-grading';
import type { QuizAnswer } from '../../schemas/quiz-answer';
import type { DialogueData } from '../../schemas/dialogue';
import type { Question, QuizData } from '../../schemas/quiz';
import { linkedDocId } from '../../domain/signoffs';
import { demoIds } from './demo-seed';
import type { StoreData, StoredUser } from '../store/data';
import { dayOf, DAY_MS, HOUR_MS, shiftDays, startOfDay } from '../../domain/calendar';

/** The content the demo history is made from. */
export interface HistoryContent {
  roles: { id: string; path: { courses: string[]; checklists: string[] } }[];
  courses: { id: string; lessons: string[]; quiz?: string }[];
  quizzes: Map<string, QuizData>;
  checklists: { id: string; rating: boolean; items: { id: string; docs: string[] }[] }[];
  docVersions: ReadonlyMap<string, string>;
  dialogues: { id: string; data: DialogueData }[];
  /** The documents each position must confirm, with their current version and text hash. */
  requiredDocs: Map<string, { id: string; version: string; contentHash: string; effective: Date }[]>;
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

/**
 * A realistic history on top of the demo people: the longer someone has worked, the further they
 * are — lessons taken, quizzes failed and passed, sign-offs with "needs work" before a pass, course
 * ratings, dialogue practice — and the mentors took a course five months ago. Quiz attempts are
 * drawn and graded by the quiz engine itself, so every figure on the tracker is computed, not typed.
 */
export function addDemoHistory(data: StoreData, content: HistoryContent, today: Date): void {
  const history = new DemoHistory(data, content, today);
  // Trainees: how far each got depends on how long they have been here.
  for (const login of ['trainee1', 'trainee2', 'trainee3', 'trainee4']) {
    const trainee = data.users.find((u) => u.login === login);
    if (trainee) history.trainee(trainee);
  }
  // Mentors took the department's courses five months ago; their sales figures moved after it.
  data.users.filter((u) => u.appRole === 'mentor').forEach((mentor, index) => history.mentor(mentor, index));
}

/**
 * A trainee's history for each of `users`, as far as their days since hiring take them: how the
 * benchmark gives a large company a year of training to show on the team pages.
 */
export function addTraineeHistory(data: StoreData, content: HistoryContent, today: Date, users: readonly StoredUser[]): void {
  const history = new DemoHistory(data, content, today);
  for (const user of users) history.trainee(user);
}

/** Writes one person's past into the data, step by step; the same data, content and day give the same past. */
class DemoHistory {
  readonly #data: StoreData;
  readonly #content: HistoryContent;
  readonly #today: Date;
  readonly #random = seededRandom('salesbook-demo-history');
  readonly #id = demoIds('salesbook-demo-history-ids');
  readonly #head: StoredUser | undefined;

  constructor(data: StoreData, content: HistoryContent, today: Date) {
    this.#data = data;
    this.#content = content;
    this.#today = today;
    this.#head = data.users.find((u) => u.appRole === 'head');
  }

  /** A trainee's courses, sign-offs and practice, as far as their days since hiring take them. */
  trainee(user: StoredUser): void {
    const mentorId = user.mentorId ?? this.#head?.id;
    const tenure = Math.floor((this.#today.getTime() - startOfDay(user.hired)) / DAY_MS);
    let day = 2;
    this.#path(user).courses.forEach((courseId, i) => {
      const share = tenure > 60 ? 1 : tenure > 35 ? (i === 0 ? 1 : 0.5) : i === 0 ? 0.3 : 0;
      day = this.#study(user, courseId, day, share, tenure > 35 && (i === 0 || tenure > 60));
    });
    if (mentorId && tenure > 20) this.#signoffs(user, mentorId, Math.min(day, tenure - 15), Math.min(tenure - 1, 62), tenure > 80 ? 1 : tenure > 60 ? 0.6 : 0.2, tenure > 40);
    if (tenure > 20) {
      this.#practise(user, 0, Math.min(10, tenure - 1), false);
      this.#practise(user, 0, Math.min(11, tenure - 1), true);
    }
  }

  /** A mentor's courses five months ago, their confirmations, and the skills a head signed off when they became a mentor. */
  mentor(mentor: StoredUser, index: number): void {
    const courseDay = dayOf(shiftDays(this.#today, -150));
    let day = 0;
    for (const courseId of this.#path(mentor).courses) day = this.#study(mentor, courseId, day, 1, true, courseDay);
    // Mentors read their documents when they took effect; the two newest are still waiting.
    const required = [...(this.#content.requiredDocs.get(mentor.position) ?? [])].sort((a, b) => a.effective.getTime() - b.effective.getTime());
    for (const doc of required.slice(0, Math.max(0, required.length - 2))) {
      const when = new Date(Math.min(shiftDays(this.#today, -1).getTime(), shiftDays(doc.effective, 3 + index).getTime()));
      this.#data.acknowledgements.push({ id: this.#id(), userId: mentor.id, docId: doc.id, version: doc.version, contentHash: doc.contentHash, at: when.toISOString() });
    }
    const head = this.#head;
    if (!head) return;
    // Experienced people hold their skills: a head signed them off when they became mentors.
    // The second mentor has only the first checklist, so the cover report has thin skills to show.
    for (const list of index === 0 ? this.#content.checklists : this.#content.checklists.slice(0, 1)) {
      for (const item of list.items) {
        this.#data.signoffs.push({
          id: this.#id(),
          userId: mentor.id,
          checklistId: list.id,
          itemId: item.id,
          verdict: 'passed',
          rating: list.rating ? 5 : null,
          comment: 'Подтверждено при назначении наставником.',
          signedBy: head.id,
          at: at(mentor.hired, 200, 12),
          docVersions: this.#docVersions(item.docs),
          requestId: null,
        });
      }
    }
  }

  #path(user: StoredUser) {
    return this.#content.roles.find((r) => r.id === user.position)?.path ?? { courses: [], checklists: [] };
  }

  /** The current versions of the documents an item links to, as a verdict records them. */
  #docVersions(links: readonly string[]): Record<string, string> {
    const versions = this.#content.docVersions;
    return Object.fromEntries(links.map(linkedDocId).filter((d) => versions.has(d)).map((d) => [d, versions.get(d)!]));
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

  /** Takes a course up to `share` of its lessons; with `finish`, also its quiz until passed, and rates it. Returns the next free day. */
  #study(user: StoredUser, courseId: string, startDay: number, share: number, finish: boolean, base = user.hired): number {
    const course = this.#content.courses.find((c) => c.id === courseId);
    if (!course) return startDay;
    let day = startDay;
    const count = Math.round(course.lessons.length * share);
    for (const lesson of course.lessons.slice(0, count)) {
      this.#data.lessonCompletions.push({ userId: user.id, lessonId: `${course.id}/${lesson}`, at: at(base, day, 15) });
      day += 1 + Math.floor(this.#random() * 2);
    }
    if (finish && course.quiz) {
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

  /** Sign-offs spread evenly from `startDay` to `lastDay` (days since hiring), never past today; the last request still waits. */
  #signoffs(user: StoredUser, mentorId: string, startDay: number, lastDay: number, share: number, withRework: boolean): void {
    const lists = this.#content.checklists.filter((c) => this.#path(user).checklists.includes(c.id));
    const items = lists.flatMap((list) => list.items.map((item) => ({ list, item })));
    const done = Math.round(items.length * share);
    const step = Math.max(1, (lastDay - startDay) / Math.max(1, done + 1));
    items.forEach(({ list, item }, index) => {
      if (index > done) return;
      const day = Math.min(lastDay, Math.round(startDay + index * step));
      const docVersions = this.#docVersions(item.docs);
      const request = { id: this.#id(), userId: user.id, checklistId: list.id, itemId: item.id, note: 'Звонок клиенту во вторник, после обеда.', at: at(user.hired, day, 9) };
      this.#data.signoffRequests.push(request);
      if (index === done) return; // the last one is still waiting for the mentor
      const verdict = (verdict: 'passed' | 'needs-work', when: string, comment: string, requestId: string) =>
        this.#data.signoffs.push({
          id: this.#id(),
          userId: user.id,
          checklistId: list.id,
          itemId: item.id,
          verdict,
          rating: list.rating && verdict === 'passed' ? 3 + Math.floor(this.#random() * 3) : null,
          comment,
          signedBy: mentorId,
          at: when,
          docVersions,
          requestId,
        });
      if (withRework && index % 4 === 1) {
        verdict('needs-work', at(user.hired, day, 16), 'Не выяснил бюджет и сроки до презентации — вернись к квалификации по регламенту.', request.id);
        const again = { ...request, id: this.#id(), at: at(user.hired, day, 17) };
        this.#data.signoffRequests.push(again);
        verdict('passed', at(user.hired, Math.min(lastDay, day + 1), 16), 'Вопросы по бюджету и срокам задал вовремя, следующий шаг назначен.', again.id);
      } else {
        verdict('passed', at(user.hired, day, 16), 'Разговор по скрипту, возражение отработано спокойно.', request.id);
      }
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
