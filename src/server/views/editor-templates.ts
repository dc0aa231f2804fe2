import { addMonths } from '../../domain/calendar';
import { siteSettings } from '../../content';
import { docKinds, type DocKind } from '../../schemas/doc';
import type { EditableCollection } from '../publishing';

// What a new document or script starts as: its fields filled in sensibly and a body to write over,
// one outline per kind of document, in the site's language.

const outlines: Record<'ru' | 'en', Record<DocKind | 'script', string>> = {
  ru: {
    regulation: '## Цель\n\nЗачем нужен регламент и к какому результату он ведёт.\n\n## Порядок действий\n\n1. Первый шаг.\n2. Второй шаг.\n\n## Сроки и ответственность\n\n| Действие | Кто | Срок |\n| --- | --- | --- |\n| | | |\n',
    statute: '## Общие положения\n\nЧто устанавливает положение и на кого распространяется.\n\n## Основные правила\n\n## Ответственность\n',
    order: '## Приказываю\n\n1. Первое распоряжение.\n2. Второе распоряжение.\n\n## Контроль исполнения\n',
    guide: '## Когда пригодится\n\n## Как это делать\n\n<Steps>\n\n1. Первый шаг.\n2. Второй шаг.\n\n</Steps>\n\n## Частые ошибки\n',
    standard: '## Требования\n\n## Как проверяется\n',
    template: '## Когда использовать\n\n## Текст шаблона\n\n<Callout type="note">\n\nЗамените поля в квадратных скобках.\n\n</Callout>\n',
    policy: '## Принципы\n\n## Правила\n\n## Нарушения\n',
    script: '## Начало разговора\n\n<Say who="manager">Здравствуйте! …</Say>\n\n<Say who="client">…</Say>\n\n## Возражения\n\n## Завершение\n',
  },
  en: {
    regulation: '## Purpose\n\nWhy the regulation exists and what it leads to.\n\n## Procedure\n\n1. First step.\n2. Second step.\n\n## Deadlines and responsibility\n\n| Action | Who | When |\n| --- | --- | --- |\n| | | |\n',
    statute: '## General provisions\n\nWhat the statute sets and whom it applies to.\n\n## Rules\n\n## Responsibility\n',
    order: '## It is ordered\n\n1. First instruction.\n2. Second instruction.\n\n## Supervision\n',
    guide: '## When it helps\n\n## How to do it\n\n<Steps>\n\n1. First step.\n2. Second step.\n\n</Steps>\n\n## Common mistakes\n',
    standard: '## Requirements\n\n## How it is checked\n',
    template: '## When to use it\n\n## The template\n\n<Callout type="note">\n\nReplace the fields in square brackets.\n\n</Callout>\n',
    policy: '## Principles\n\n## Rules\n\n## Breaches\n',
    script: '## Opening\n\n<Say who="manager">Hello! …</Say>\n\n<Say who="client">…</Say>\n\n## Objections\n\n## Closing\n',
  },
};

const quote = (value: string) => JSON.stringify(value);

/** The file a new entry starts as, as a draft: status draft until published. */
export async function newEntryText(collection: EditableCollection, options: { title: string; kind: string; owner: string; today: string }): Promise<string> {
  const site = await siteSettings();
  const locale = site.locale;
  if (collection === 'scripts') {
    return ['---', `title: ${quote(options.title)}`, 'channel: cold-call', `situation: ${quote(options.title)}`, `owner: ${options.owner}`, 'version: "1.0"', 'status: draft', 'audience: all', '---', '', outlines[locale].script].join('\n');
  }
  const kind: DocKind = (docKinds as readonly string[]).includes(options.kind) ? (options.kind as DocKind) : 'regulation';
  const reviewBy = addMonths(options.today, site.policies.reviewIntervalMonths);
  return [
    '---',
    `title: ${quote(options.title)}`,
    `kind: ${kind}`,
    `summary: ${quote(options.title)}`,
    `owner: ${options.owner}`,
    'version: "1.0"',
    `effective: ${options.today}`,
    `reviewBy: ${reviewBy}`,
    'status: draft',
    'audience: all',
    '---',
    '',
    outlines[locale][kind],
  ].join('\n');
}
