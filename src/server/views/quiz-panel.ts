import { quizWithKey } from '../../content';
import type { AttemptForBrowser } from '../../domain/quiz-presentation';
import { standingForBrowser, type BrowserStanding } from '../../domain/quiz-rules';
import * as clock from '../clock';
import type { PublicUser } from '../store/data';
import type { Store } from '../store/store';
import { attemptForBrowser, quizPageState } from '../records/quizzes';

/** What a quiz panel shows: the quiz's rules, and the person's standing and open attempt as a browser may have them. */
export interface QuizPanelData {
  quizId: string;
  title: string;
  /** Questions each attempt draws. */
  questions: number;
  passScore: number;
  attempts: number;
  cooldownMinutes: number;
  timeLimitMinutes: number | undefined;
  standing: BrowserStanding;
  attempt: AttemptForBrowser | null;
}

/**
 * The quiz panel of a page, for one person. The answer key is read here on the server; only the
 * questions drawn for the open attempt go out. Nothing is written (see quizPageState).
 */
export async function quizPanel(store: Store, user: PublicUser, quizId: string, now = clock.now()): Promise<QuizPanelData> {
  const entry = await quizWithKey(quizId);
  if (!entry) throw new Error(`Salesbook: quiz "${quizId}" is missing; the content check should have caught it.`);
  const quiz = entry.data;
  const { standing, open } = await quizPageState(store, user.id, quizId, quiz, now);
  return {
    quizId,
    title: quiz.title,
    questions: Math.min(quiz.draw ?? quiz.questions.length, quiz.questions.length),
    passScore: quiz.passScore,
    attempts: quiz.attempts,
    cooldownMinutes: quiz.cooldownMinutes,
    timeLimitMinutes: quiz.timeLimitMinutes,
    standing: standingForBrowser(standing, now),
    attempt: open ? attemptForBrowser(open, quiz, now) : null,
  };
}
