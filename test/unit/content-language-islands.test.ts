// The islands mark the content's words (questions, options, explanations; the client's lines, the
// answers, the feedback) with the content's language when the interface speaks another, and only those.
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it, vi } from 'vitest';
import type { AttemptForBrowser, GradeForBrowser } from '../../src/domain/quiz-presentation';
import type { BrowserStanding } from '../../src/domain/quiz-rules';
import { areaTranslator, type Locale } from '../../src/i18n/format';
import { trainerEn } from '../../src/i18n/trainer';
import { Answering, Feedback, Result as TrainerResult } from '../../src/islands/DialogueTrainer';
import Quiz, { Result as QuizResult } from '../../src/islands/Quiz';
import { createTrainer } from '../../src/islands/dialogue-trainer-model';
import { createQuizModel } from '../../src/islands/quiz-model';
import { quizText } from '../../src/islands/quiz-text';
import { checkedContent } from './checked-content';

// The islands call the server through Astro's actions; rendering them calls nothing.
vi.mock('astro:actions', () => ({ actions: {} }));

const open: BrowserStanding = { kind: 'open', attemptsUsed: 1, attemptsLeft: 2, bestScore: null, lastScore: null, secondsToRetry: null };
const attempt: AttemptForBrowser = {
  id: 'a1',
  questions: [
    { type: 'single', text: 'Срок ответа?', options: ['1 час', '15 минут'] },
    { type: 'order', text: 'По порядку', items: ['Поздороваться', 'Спросить имя'] },
    { type: 'number', text: 'Премия?', unit: 'руб.' },
    { type: 'truefalse', text: 'Ночью можно позже?' },
  ],
  answers: [null, null, null, null],
  secondsLeft: null,
};
const graded: GradeForBrowser = {
  score: 50,
  passed: false,
  late: false,
  passScore: 70,
  rightAnswersShown: true,
  standing: { ...open, kind: 'available' },
  review: [
    {
      text: 'Срок ответа?',
      outcome: 'wrong',
      points: 0,
      explanation: 'Регламент требует ответа за 15 минут.',
      given: { type: 'choice', texts: ['1 час'] },
      right: { type: 'choice', texts: ['15 минут'] },
      doc: { href: '/docs/lead-handling/#сроки-ответа', title: 'Сроки ответа' },
    },
    {
      text: 'Ночью можно позже?',
      outcome: 'right',
      points: 1,
      explanation: 'Ночная заявка ждёт утра.',
      given: { type: 'truefalse', value: true },
      right: { type: 'truefalse', value: true },
      doc: null,
    },
  ],
};

const taking = (contentLang: Locale | undefined) => renderToString(h(Quiz, { quizId: 'basics-final', locale: 'en', contentLang, standing: open, attempt }));

async function review(contentLang: Locale | undefined) {
  const model = createQuizModel({ standing: open, attempt }, { start: vi.fn(), save: vi.fn(), submit: async () => ({ data: graded }) });
  model.ready.value = true;
  await model.submit(true);
  expect(model.phase.value).toBe('result');
  return renderToString(h(QuizResult, { model, t: quizText('en'), locale: 'en', contentLang, heading: { current: null } }));
}

describe('the quiz, in an English interface over Russian content', () => {
  it('marks question texts, options, ordered items and units, not its own words', () => {
    const html = taking('ru');
    expect(html).toContain('<span class="quiz__text" lang="ru">Срок ответа?</span>');
    expect(html).toContain('<span lang="ru">15 минут</span>');
    expect(html).toContain('<span class="quiz__order-text" lang="ru">Поздороваться</span>');
    expect(html).toContain('<span lang="ru">руб.</span>');
    expect(html).toMatch(/<span class="quiz__number">Question 1 of 4<\/span>/);
    expect(html).toMatch(/<span>True<\/span>/);
  });

  it('marks the review: questions, chosen and right options, explanations and the section to read again', async () => {
    const html = await review('ru');
    expect(html).toContain('<span class="quiz__text" lang="ru">Срок ответа?</span>');
    expect(html).toContain('<dd lang="ru">1 час</dd>');
    expect(html).toContain('<dd lang="ru">15 минут</dd>');
    expect(html).toContain('<p lang="ru">Регламент требует ответа за 15 минут.</p>');
    expect(html).toMatch(/<a href="[^"]+">Read again: <span lang="ru">Сроки ответа<\/span><\/a>/);
    // True and False are the interface's words.
    expect(html).toContain('<dd>True</dd>');
  });

  it('adds no lang when the content is in the interface\'s language', async () => {
    expect(taking(undefined)).not.toContain('lang=');
    expect(await review(undefined)).not.toContain('lang=');
  });
});

describe('the dialogue trainer, in an English interface over Russian content', () => {
  const dialogue = checkedContent('test/fixtures/content').dialogues.find((d) => d.id === 'cold-call')!.data;
  const i18n = areaTranslator(trainerEn, 'en');
  const focus = { current: null };

  async function walk(lang: Locale | undefined) {
    const trainer = createTrainer(dialogue, async () => ({ ok: true, stats: { runs: 1, best: { score: 1, maxScore: 4 } } }), { runs: 0, best: undefined });
    trainer.start();
    const answering = renderToString(h(Answering, { trainer, i18n, lang, focus }));
    trainer.choose(1);
    const feedback = renderToString(h(Feedback, { trainer, i18n, lang, focus }));
    while (trainer.phase.value !== 'done') {
      if (trainer.phase.value === 'answering') trainer.choose(1);
      else await trainer.next();
    }
    const result = renderToString(h(TrainerResult, { trainer, i18n, lang, links: {}, focus }));
    return { trainer, answering, feedback, result };
  }

  it('marks the client\'s lines, the options, the feedback and the ending, not its own words', async () => {
    const { trainer, answering, feedback, result } = await walk('ru');
    const hello = dialogue.nodes.hello!;
    expect(answering).toContain(`<div class="say__line" lang="ru">${hello.client}</div>`);
    expect(answering).toContain(`<span lang="ru">${hello.options![0]!.text}</span>`);
    expect(answering).toContain('<div class="say__who">Client</div>');
    expect(feedback).toContain(`<p lang="ru">${hello.options![1]!.feedback}</p>`);
    expect(result).toContain(`<p lang="ru">${trainer.run.value!.outcome}</p>`);
    expect(result).toMatch(/<strong>Your answer:<\/strong> <span lang="ru">/);
  });

  it('adds no lang when the content is in the interface\'s language', async () => {
    const { answering, feedback, result } = await walk(undefined);
    expect(answering + feedback + result).not.toContain('lang=');
  });
});
