import { actions } from 'astro:actions';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { answerWords, type AttemptForBrowser, type PresentedQuestion, type ShownAnswer } from '../domain/quiz-presentation';
import type { BrowserStanding } from '../domain/quiz-rules';
import type { Locale } from '../i18n';
import { Phrase } from './Phrase';
import { createQuizModel, formatDuration, type QuizModel } from './quiz-model';
import { quizText, type QuizText } from './quiz-text';
import './Quiz.css';

export interface Props {
  quizId: string;
  locale: Locale;
  /** The content's language when it is not the interface's: questions, options and explanations are marked with it. */
  contentLang?: Locale;
  standing: BrowserStanding;
  /** The open attempt to resume, without answer keys. */
  attempt: AttemptForBrowser | null;
}

/** Takes a quiz: start, answer (saved as you go), submit, then the review. The server grades. */
export default function Quiz({ quizId, locale, contentLang, standing, attempt }: Props) {
  const t = useMemo(() => quizText(locale), [locale]);
  const [model] = useState(() =>
    createQuizModel(
      { standing, attempt },
      {
        start: () => actions.startQuizAttempt({ quizId }),
        save: (attemptId, answers) => actions.saveQuizAnswers({ attemptId, answers }),
        submit: (attemptId, answers, confirmUnanswered) => actions.submitQuizAttempt({ attemptId, answers, confirmUnanswered }),
      },
      { networkError: t('quiz.networkError') },
    ),
  );
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const formHeading = useRef<HTMLParagraphElement>(null);
  const confirmText = useRef<HTMLParagraphElement>(null);
  const phase = model.phase.value;
  const confirming = model.confirming.value;

  useEffect(() => {
    model.ready.value = true;
    const timer = setInterval(model.tick, 1000);
    return () => clearInterval(timer);
  }, [model]);
  // Move focus to what just appeared, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (phase === 'result') resultHeading.current?.focus();
    if (phase === 'taking' && model.ready.peek()) formHeading.current?.focus();
  }, [phase, model]);
  useEffect(() => {
    if (confirming !== null) confirmText.current?.focus();
  }, [confirming]);

  return (
    <div class="quiz" data-phase={phase}>
      {model.error.value && (
        <p class="notice notice--error" role="alert">
          {model.error}
        </p>
      )}
      {phase === 'taking' && <AttemptForm model={model} t={t} contentLang={contentLang} heading={formHeading} confirmText={confirmText} />}
      {phase === 'result' && <Result model={model} t={t} locale={locale} contentLang={contentLang} heading={resultHeading} />}
      {phase !== 'taking' && <Standing model={model} t={t} />}
    </div>
  );
}

function Standing({ model, t }: { model: QuizModel; t: QuizText }) {
  const standing = model.standing.value;
  switch (standing.kind) {
    case 'passed':
      return <p class="notice notice--ok" role="status">{t('quiz.passedState', { score: standing.bestScore ?? 0 })}</p>;
    case 'exhausted':
      return <p class="notice notice--warn">{t('quiz.exhaustedState', { score: standing.bestScore ?? 0 })}</p>;
    case 'cooldown':
      return (
        <p class="notice notice--info" role="status">
          {t('quiz.cooldownLeft', { time: formatDuration(model.secondsToRetry.value ?? 0) })}
        </p>
      );
    default:
      return (
        <div class="quiz__start">
          {standing.attemptsLeft !== null && <p class="meta-line">{t('quiz.attemptsRemaining', { count: standing.attemptsLeft })}</p>}
          <button type="button" class="button" disabled={!model.canStart.value} onClick={() => void model.start()}>
            {model.busy.value === 'start' ? t('quiz.starting') : standing.kind === 'recheck' ? t('quiz.recheckStart') : standing.attemptsUsed > 0 ? t('quiz.retry') : t('quiz.start')}
          </button>
        </div>
      );
  }
}

type Ref<T> = { current: T | null };

function AttemptForm({ model, t, contentLang, heading, confirmText }: { model: QuizModel; t: QuizText; contentLang: Locale | undefined; heading: Ref<HTMLParagraphElement>; confirmText: Ref<HTMLParagraphElement> }) {
  const open = model.attempt.value!;
  const total = open.questions.length;
  const secondsLeft = model.secondsLeft.value;
  const unanswered = model.unansweredCount.value;
  const confirming = model.confirming.value;
  const form = useRef<HTMLFormElement>(null);
  /** Back to the questions: to the first one without an answer. */
  const backToQuestions = () => {
    model.cancelConfirm();
    const first = model.answers.value.findIndex((a) => a === null);
    form.current?.querySelectorAll<HTMLElement>('.quiz__list > li')[first < 0 ? 0 : first]?.querySelector<HTMLElement>('input, button')?.focus();
  };
  return (
    <form
      class="quiz__form"
      ref={form}
      onSubmit={(event) => {
        event.preventDefault();
        void model.submit();
      }}
    >
      <div class="quiz__bar">
        <p ref={heading} tabIndex={-1} class="quiz__answered">
          {t('quiz.answered', { done: model.answeredCount.value, total })}
        </p>
        {secondsLeft !== null && (
          <p class={`quiz__timer${secondsLeft <= 60 ? ' quiz__timer--low' : ''}`} role="timer">
            {t('quiz.timeLeft', { time: formatDuration(secondsLeft) })}
          </p>
        )}
      </div>
      {secondsLeft !== null && (
        <p class="visually-hidden" role="status">
          {secondsLeft <= 60 && secondsLeft > 50 ? t('quiz.lastMinute') : ''}
        </p>
      )}
      <fieldset class="quiz__questions" disabled={!model.ready.value}>
        <ol class="quiz__list">
          {open.questions.map((question, index) => (
            <li key={index}>
              <QuestionView model={model} question={question} index={index} total={total} t={t} contentLang={contentLang} />
            </li>
          ))}
        </ol>
      </fieldset>
      {unanswered > 0 && <p class="meta-line">{t('quiz.unanswered', { count: unanswered })}</p>}
      {model.saveFailed.value && <p class="notice notice--warn">{t('quiz.saveFailed')}</p>}
      {confirming === null ? (
        <button type="submit" class="button" disabled={!model.canSubmit.value}>
          {model.busy.value === 'submit' ? t('quiz.submitting') : t('quiz.submit')}
        </button>
      ) : (
        <div class="notice notice--warn quiz__confirm" role="group" aria-labelledby="quiz-confirm-text">
          <p id="quiz-confirm-text" ref={confirmText} tabIndex={-1}>
            {t('quiz.confirmUnanswered', { count: confirming })}
          </p>
          <p class="quiz__confirm-buttons">
            <button type="button" class="button" disabled={!model.canSubmit.value} onClick={() => void model.confirmSubmit()}>
              {t('quiz.confirmSubmit')}
            </button>
            <button type="button" class="button button--ghost" onClick={backToQuestions}>
              {t('quiz.backToQuestions')}
            </button>
          </p>
        </div>
      )}
    </form>
  );
}

function QuestionView({ model, question, index, total, t, contentLang }: { model: QuizModel; question: PresentedQuestion; index: number; total: number; t: QuizText; contentLang: Locale | undefined }) {
  const answer = model.answers.value[index] ?? null;
  const name = `q${index + 1}`;
  const legend = (
    <legend>
      <span class="quiz__number">{t('quiz.question', { n: index + 1, total })}</span>
      <span class="quiz__text" lang={contentLang}>{question.text}</span>
    </legend>
  );
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const multiple = question.type === 'multiple';
      const chosen = answer?.type === 'multiple' ? answer.choices : answer?.type === 'single' ? [answer.choice] : [];
      return (
        <fieldset class="quiz__question">
          {legend}
          {multiple && <p class="quiz__hint">{t('quiz.multipleHint')}</p>}
          {question.options.map((text, choice) => (
            <label class="quiz__option" key={choice}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={name}
                checked={chosen.includes(choice)}
                onChange={() => (multiple ? model.toggle(index, choice) : model.choose(index, choice))}
              />
              <span lang={contentLang}>{text}</span>
            </label>
          ))}
        </fieldset>
      );
    }
    case 'truefalse':
      return (
        <fieldset class="quiz__question">
          {legend}
          {[true, false].map((value) => (
            <label class="quiz__option" key={String(value)}>
              <input type="radio" name={name} checked={answer?.type === 'truefalse' && answer.value === value} onChange={() => model.setTruth(index, value)} />
              <span>{value ? t('quiz.true') : t('quiz.false')}</span>
            </label>
          ))}
        </fieldset>
      );
    case 'order':
      return <OrderQuestion model={model} question={question} index={index} legend={legend} t={t} contentLang={contentLang} />;
    case 'number': {
      const text = answer?.type === 'number' ? answer.text : '';
      const invalid = model.invalidNumbers.value.includes(index);
      return (
        <fieldset class="quiz__question">
          {legend}
          <label class="quiz__number-field">
            <span>{t('quiz.numberLabel')}</span>
            <span class="quiz__number-input">
              <input
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={text}
                aria-invalid={invalid}
                aria-describedby={invalid ? `${name}-error` : undefined}
                onInput={(event) => model.setNumber(index, event.currentTarget.value)}
              />
              {question.unit && <span lang={contentLang}>{question.unit}</span>}
            </span>
          </label>
          {invalid && (
            <p class="quiz__error" id={`${name}-error`}>
              {t('quiz.notNumber')}
            </p>
          )}
        </fieldset>
      );
    }
  }
}

function OrderQuestion({
  model,
  question,
  index,
  legend,
  t,
  contentLang,
}: {
  model: QuizModel;
  question: Extract<PresentedQuestion, { type: 'order' }>;
  index: number;
  legend: preact.JSX.Element;
  t: QuizText;
  contentLang: Locale | undefined;
}) {
  const order = model.orderOf(index);
  const list = useRef<HTMLOListElement>(null);
  const [focus, setFocus] = useState<{ item: number; delta: -1 | 1 } | null>(null);
  // Keep focus on the button of the item just moved; at the end of the list, on its other button.
  useLayoutEffect(() => {
    if (!focus) return;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>(`[data-item="${focus.item}"] button`);
    const [up, down] = [buttons?.[0], buttons?.[1]];
    const wanted = focus.delta < 0 ? up : down;
    (wanted && !wanted.disabled ? wanted : focus.delta < 0 ? down : up)?.focus();
    setFocus(null);
  }, [focus]);
  const move = (position: number, delta: -1 | 1) => {
    setFocus({ item: order[position]!, delta });
    model.move(index, position, delta);
  };
  return (
    <fieldset class="quiz__question">
      {legend}
      <p class="quiz__hint">{t('quiz.orderHint')}</p>
      <ol class="quiz__order" ref={list}>
        {order.map((item, position) => (
          <li key={item} data-item={item}>
            <span class="quiz__order-text" lang={contentLang}>{question.items[item]}</span>
            <span class="quiz__order-buttons">
              <button type="button" class="button button--ghost button--small" disabled={position === 0} aria-label={t('quiz.moveUpLabel', { item: question.items[item]! })} onClick={() => move(position, -1)}>
                ↑ <span aria-hidden="true">{t('quiz.moveUp')}</span>
              </button>
              <button
                type="button"
                class="button button--ghost button--small"
                disabled={position === order.length - 1}
                aria-label={t('quiz.moveDownLabel', { item: question.items[item]! })}
                onClick={() => move(position, 1)}
              >
                ↓ <span aria-hidden="true">{t('quiz.moveDown')}</span>
              </button>
            </span>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}

export function Result({ model, t, locale, contentLang, heading }: { model: QuizModel; t: QuizText; locale: Locale; contentLang: Locale | undefined; heading: Ref<HTMLHeadingElement> }) {
  const result = model.result.value!;
  const formatNumber = useMemo(() => new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB').format, [locale]);
  const words = (answer: ShownAnswer | null) => (answer ? answerWords(answer, { true: t('quiz.true'), false: t('quiz.false') }, formatNumber) : t('attempts.noAnswer'));
  // Chosen options and ordered items are the content's words; true/false, numbers and "no answer" are the interface's.
  const wordsLang = (answer: ShownAnswer | null) => (answer?.type === 'choice' || answer?.type === 'order' ? contentLang : undefined);
  return (
    <section class={`quiz__result quiz__result--${result.passed ? 'passed' : 'failed'}`} aria-labelledby="quiz-result-title">
      <h3 id="quiz-result-title" ref={heading} tabIndex={-1}>
        {t('quiz.result', { score: result.score })}
      </h3>
      <p>{result.passed ? t('quiz.passed', { pass: result.passScore }) : t('quiz.failed', { pass: result.passScore })}</p>
      {result.late && <p class="notice notice--warn">{t('quiz.late')}</p>}
      <h4>{t('quiz.review')}</h4>
      {!result.rightAnswersShown && <p class="meta-line">{t('quiz.rightLater')}</p>}
      <ol class="quiz__review">
        {result.review.map((question, index) => (
          <li key={index}>
            <p class="quiz__review-head">
              <span class="quiz__text" lang={contentLang}>{question.text}</span>{' '}
              <span class={`badge ${outcomeBadge[question.outcome]}`}>{t(`quiz.outcome.${question.outcome}`)}</span>
            </p>
            <dl class="quiz__answers">
              <div class={`quiz__answer quiz__answer--${question.outcome}`}>
                <dt>{t('quiz.yourAnswer')}</dt>
                <dd lang={wordsLang(question.given)}>{words(question.given)}</dd>
              </div>
              {question.right && (
                <div class="quiz__answer quiz__answer--key">
                  <dt>{t('quiz.rightAnswer')}</dt>
                  <dd lang={wordsLang(question.right)}>{words(question.right)}</dd>
                </div>
              )}
            </dl>
            <p class="meta-line quiz__points">{t('quiz.points', { points: question.points })}</p>
            <p lang={contentLang}>{question.explanation}</p>
            {question.doc && (
              <p>
                <a href={question.doc.href}>
                  <Phrase pieces={t.pieces('quiz.readDoc', { title: question.doc.title })} content={['title']} lang={contentLang} />
                </a>
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

const outcomeBadge = { right: 'badge--ok', partial: 'badge--warn', wrong: 'badge--danger', unanswered: 'badge--muted' } as const;
