// Helpers for the quiz tests over HTTP: JSON actions, the fixture's answer key, island props.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as devalueParse } from 'devalue';
import { parse as parseYaml } from 'yaml';
import type { PresentedQuestion } from '../../src/domain/quiz-presentation';
import { quizSchema, type QuizData } from '../../src/schemas/quiz';
import type { BrowserAnswer } from '../../src/schemas/quiz-answer';
import { TEST_CONTENT } from './server';

export function fixtureQuiz(id: string): QuizData {
  return quizSchema.parse(parseYaml(readFileSync(join(TEST_CONTENT, 'quizzes', `${id}.yaml`), 'utf8')));
}

export interface ActionAnswer {
  status: number;
  /** The decoded data of a success, or the JSON body of an error. */
  body: any;
  text: string;
}

/** Calls a JSON action as the island does: POST /_actions/<name> with the portal's own Origin. */
export async function callAction(url: string, name: string, input: unknown, cookie?: string): Promise<ActionAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', origin: url };
  if (cookie) headers.cookie = cookie;
  const response = await fetch(`${url}/_actions/${name}`, { method: 'POST', headers, body: JSON.stringify(input), redirect: 'manual' });
  const text = await response.text();
  const body = response.ok ? devalueParse(text) : text.startsWith('{') ? JSON.parse(text) : text;
  return { status: response.status, body, text };
}

/**
 * Answers to the questions as the browser was shown them, from the fixture's key: all right, or
 * all wrong. An order question answered wrong is left as shown (never the right order).
 */
export function answersFromKey(quiz: QuizData, shown: PresentedQuestion[], right: boolean): BrowserAnswer[] {
  return shown.map((presented): BrowserAnswer => {
    const question = quiz.questions.find((q) => q.text === presented.text);
    if (!question) throw new Error(`no question "${presented.text}" in ${quiz.title}`);
    switch (question.type) {
      case 'single':
      case 'multiple': {
        const options = (presented as { options: string[] }).options;
        const wanted = (text: string) => question.options.find((o) => o.text === text)!.correct === right;
        return question.type === 'single'
          ? { type: 'single', choice: options.findIndex(wanted) }
          : { type: 'multiple', choices: options.flatMap((text, i) => (wanted(text) ? [i] : [])) };
      }
      case 'truefalse':
        return { type: 'truefalse', value: right === question.answer };
      case 'order': {
        const items = (presented as { items: string[] }).items;
        return { type: 'order', order: right ? question.items.map((text) => items.indexOf(text)) : items.map((_, i) => i) };
      }
      case 'number':
        return { type: 'number', text: String(right ? question.answer : question.answer + 7) };
    }
  });
}

const entities: Record<string, string> = { '&quot;': '"', '&#34;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/** The props of every Astro island on a page, decoded from their attribute. */
export function islandProps(html: string): unknown[] {
  return [...html.matchAll(/<astro-island\b[^>]*?\sprops="([^"]*)"/g)].map((match) =>
    JSON.parse(match[1]!.replace(/&(quot|#34|#39|lt|gt|amp);/g, (entity) => entities[entity]!)),
  );
}

/** Every object key anywhere in a value. */
export function keysIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => keysIn(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysIn(inner, into);
    }
  }
  return into;
}
