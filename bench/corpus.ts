// A seeded generator of Salesbook content: N documents of varied Russian text with real frontmatter,
// plus roles, scripts, a course with lessons and quizzes. The same seed and N give the same files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { headingsOf } from '../src/domain/headings';

/** mulberry32: small, fast and good enough to pick words; deterministic for a seed. */
export function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const some = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return out;
  };
  return { next, int, pick, chance, some };
}
type Random = ReturnType<typeof randomFrom>;

/** A block of a document body, written out as Salesbook MDX or as Starlight MDX. */
export type Block =
  | { type: 'h2' | 'h3'; text: string }
  | { type: 'p'; text: string }
  | { type: 'ul' | 'ol'; items: string[] }
  | { type: 'table'; head: string[]; rows: string[][] }
  | { type: 'callout'; kind: 'note' | 'warning'; title?: string; text: string }
  | { type: 'steps'; items: string[] }
  | { type: 'say'; who: 'client' | 'manager'; text: string };

const subjects = [
  'Менеджер по работе с клиентами',
  'Руководитель отдела продаж',
  'Стажёр',
  'Наставник',
  'Менеджер по входящим заявкам',
  'Старший менеджер',
  'Менеджер по ключевым клиентам',
  'CRM-администратор',
  'Ответственный менеджер',
] as const;
const verbs = ['фиксирует', 'согласует', 'проверяет', 'отправляет', 'уточняет', 'готовит', 'обновляет', 'передаёт', 'сверяет', 'утверждает'] as const;
const objects = [
  'карточку сделки в Битрикс24',
  'коммерческое предложение',
  'скидку сверх своих полномочий',
  'счёт на предоплату',
  'график поставки и монтажа',
  'спецификацию стеллажей',
  'отчёт о звонках за день',
  'протокол встречи с клиентом',
  'заявку клиента',
  'условия отсрочки платежа',
  'акт сверки взаиморасчётов',
  'расчёт нагрузки на стеллаж',
  'список вопросов к замеру склада',
  'план продаж на месяц',
] as const;
const deadlines = [
  'в течение 15 минут',
  'до конца рабочего дня',
  'не позднее следующего рабочего дня',
  'до 10:00 следующего дня',
  'в день встречи',
  'в течение двух рабочих дней',
  'до выставления счёта',
  'до пятницы текущей недели',
  'в течение часа после звонка',
] as const;
const clientMoves = [
  'просит скидку больше 5 %',
  'не отвечает на звонки три дня подряд',
  'просит отсрочку платежа',
  'сравнивает нас с конкурентом',
  'меняет объём заказа после согласования',
  'просит прислать предложение на почту',
  'говорит, что у него уже есть поставщик',
  'откладывает решение до следующего квартала',
  'просит срочную поставку',
  'запрашивает образцы и сертификаты',
] as const;
const goals = [
  'не потерять заявку',
  'клиент видел одну цену во всех документах',
  'руководитель видел реальную воронку',
  'сохранить маржу сделки',
  'следующий менеджер мог продолжить работу без вопросов',
  'срок поставки не сорвался',
  'клиент получил ответ раньше конкурентов',
  'дебиторская задолженность не выросла',
] as const;
const forbidden = [
  'обещать клиенту сроки поставки без подтверждения склада',
  'давать скидку без записи в CRM',
  'переписываться с клиентом с личной почты',
  'передавать клиента коллеге без согласования с руководителем',
  'отправлять счёт без проверки реквизитов',
  'закрывать сделку как проигранную без указания причины',
  'менять цену в подписанной спецификации',
] as const;
const metrics = ['конверсии заявок в сделки', 'среднего чека', 'выполнения плана', 'просроченной дебиторки', 'повторных продаж', 'маржи по сделкам'] as const;
const metricNames = ['Конверсия заявок в сделки', 'Рост среднего чека', 'Выполнение плана', 'Дебиторка в срок', 'Доля повторных продаж', 'Маржа по сделкам'] as const;
const periods = ['первого квартала', 'прошлого года', 'полугодия', 'последних трёх месяцев', 'сезона'] as const;
const approvers = ['руководитель отдела продаж', 'коммерческий директор', 'финансовый директор', 'старший менеджер'] as const;
const cities = ['Екатеринбург', 'Челябинск', 'Пермь', 'Тюмень', 'Уфа', 'Курган'] as const;
const sectionTitles = [
  'Общие положения',
  'Термины',
  'Сроки',
  'Порядок работы',
  'Ответственность',
  'Контроль исполнения',
  'Исключения',
  'Эскалация',
  'Примеры',
  'Частые ошибки',
  'Отчётность',
  'Согласование',
  'Шаблоны писем',
  'Работа в CRM',
  'Показатели',
  'Передача дел',
  'Вопросы и ответы',
  'Что сделать после прочтения',
] as const;
const subsectionTitles = ['Рабочее время', 'Выходные и праздники', 'Крупные сделки', 'Новые клиенты', 'Текущие клиенты', 'Тендеры', 'Филиалы', 'Отпуск менеджера'] as const;
const topics = [
  'обработки входящих заявок',
  'согласования скидок',
  'ведения ключевых клиентов',
  'работы с дебиторской задолженностью',
  'проведения встреч',
  'заполнения CRM',
  'подготовки коммерческих предложений',
  'передачи клиентов',
  'исходящих звонков',
  'участия в тендерах',
  'деловой переписки',
  'работы с возражениями',
  'наставничества',
  'отчётности менеджеров',
  'продажи монтажа и сервиса',
  'работы с претензиями',
] as const;
const kindTitles = {
  regulation: 'Регламент',
  statute: 'Положение о порядке',
  order: 'Приказ о порядке',
  guide: 'Руководство по порядку',
  standard: 'Стандарт',
  template: 'Шаблон для',
  policy: 'Политика',
} as const;
type Kind = keyof typeof kindTitles;
const kinds = Object.keys(kindTitles) as Kind[];

const lower = (text: string) => text[0]!.toLowerCase() + text.slice(1);
const rub = (value: number) => `${value.toLocaleString('ru-RU').replace(/\u00a0/g, ' ')} ₽`;

function sentence(r: Random): string {
  switch (r.int(0, 7)) {
    case 0:
      return `${r.pick(subjects)} ${r.pick(verbs)} ${r.pick(objects)} ${r.pick(deadlines)}.`;
    case 1:
      return `Если клиент ${r.pick(clientMoves)}, ${lower(r.pick(subjects))} ${r.pick(verbs)} ${r.pick(objects)} ${r.pick(deadlines)}.`;
    case 2:
      return `${r.pick(subjects)} ${r.pick(verbs)} ${r.pick(objects)}, чтобы ${r.pick(goals)}.`;
    case 3:
      return `По итогам ${r.pick(periods)} показатель ${r.pick(metrics)} составил ${r.int(8, 96)} %, а в филиале в городе ${r.pick(cities)} — ${r.int(8, 96)} %.`;
    case 4:
      return `Сделки на сумму свыше ${rub(r.int(3, 120) * 50_000)} согласует ${r.pick(approvers)}, и без этого согласования счёт не выставляется.`;
    case 5:
      return `Нарушение срока фиксируется в еженедельном отчёте, и ${lower(r.pick(subjects))} разбирает его причину на ближайшей планёрке.`;
    case 6:
      return `Не допускается ${r.pick(forbidden)}: такие случаи разбирает ${r.pick(approvers)}.`;
    default:
      return `Клиент, который ${r.pick(clientMoves)}, получает ответ ${r.pick(deadlines)}, чтобы ${r.pick(goals)}.`;
  }
}

function paragraph(r: Random, link?: { id: string; title: string }): string {
  const sentences = Array.from({ length: r.int(2, 6) }, () => sentence(r));
  if (link) sentences.push(`Подробности — в документе [«${link.title}»](/docs/${link.id}/).`);
  return sentences.join(' ');
}

function table(r: Random): Block {
  switch (r.int(0, 2)) {
    case 0:
      return {
        type: 'table',
        head: ['Этап', 'Срок', 'Кто отвечает'],
        rows: Array.from({ length: r.int(3, 8) }, () => [r.pick(objects), r.pick(deadlines), r.pick(subjects)]),
      };
    case 1:
      return {
        type: 'table',
        head: ['Сумма сделки', 'Предельная скидка', 'Кто согласует'],
        rows: Array.from({ length: r.int(3, 6) }, (_, i) => [`от ${rub((i + 1) * r.int(2, 9) * 100_000)}`, `${r.int(2, 15)} %`, r.pick(approvers)]),
      };
    default:
      return {
        type: 'table',
        head: ['Показатель', 'Цель', 'Минимум', 'Филиал'],
        rows: Array.from({ length: r.int(3, 7) }, () => {
          const target = r.int(40, 95);
          return [r.pick(metricNames), `${target} %`, `${target - r.int(5, 30)} %`, r.pick(cities)];
        }),
      };
  }
}

const wordsIn = (text: string) => text.split(/\s+/).filter(Boolean).length;
function blockWords(block: Block): number {
  switch (block.type) {
    case 'ul':
    case 'ol':
    case 'steps':
      return block.items.reduce((n, item) => n + wordsIn(item), 0);
    case 'table':
      return [...block.head, ...block.rows.flat()].reduce((n, cell) => n + wordsIn(cell), 0);
    default:
      return wordsIn(block.text);
  }
}

/** A body of about `targetWords` words: sections with paragraphs, lists, steps, callouts, dialogue lines and links. */
export function body(r: Random, targetWords: number, options: { tables: boolean; links: { id: string; title: string }[] }): Block[] {
  const blocks: Block[] = [{ type: 'p', text: paragraph(r) }];
  let words = blockWords(blocks[0]!);
  const titles = r.some(sectionTitles, sectionTitles.length);
  let section = 0;
  let tableDone = false;
  while (words < targetWords) {
    const title = titles[section % titles.length]!;
    const heading: Block = { type: 'h2', text: section < titles.length ? title : `${title}, часть ${Math.floor(section / titles.length) + 1}` };
    section += 1;
    const part: Block[] = [heading];
    for (let i = r.int(2, 5); i > 0; i--) {
      const roll = r.next();
      if (roll < 0.45) part.push({ type: 'p', text: paragraph(r, options.links.length > 0 && r.chance(0.25) ? r.pick(options.links) : undefined) });
      else if (roll < 0.6) part.push({ type: 'ul', items: Array.from({ length: r.int(3, 6) }, () => sentence(r)) });
      else if (roll < 0.7) part.push({ type: 'steps', items: Array.from({ length: r.int(3, 6) }, () => sentence(r)) });
      else if (roll < 0.78) part.push({ type: 'callout', kind: r.chance(0.5) ? 'note' : 'warning', ...(r.chance(0.5) ? { title: 'Важно' } : {}), text: sentence(r) });
      else if (roll < 0.86) part.push({ type: 'say', who: 'client', text: `Мы ${r.pick(['подумаем', 'сравним цены', 'вернёмся после бюджета', 'уже работаем с другим поставщиком'])}.` }, { type: 'say', who: 'manager', text: sentence(r) });
      else if (roll < 0.92) part.push({ type: 'h3', text: r.pick(subsectionTitles) }, { type: 'p', text: paragraph(r) });
      else part.push({ type: 'ol', items: Array.from({ length: r.int(3, 5) }, () => sentence(r)) });
    }
    if (options.tables && !tableDone && (section >= 2 || words + 400 > targetWords)) {
      part.push(table(r));
      tableDone = r.chance(0.5);
    }
    blocks.push(...part);
    words += part.reduce((n, b) => n + blockWords(b), 0);
  }
  return blocks;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The body as Salesbook MDX: its own Callout, Steps and Say components need no import. */
export function salesbookMdx(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'h2':
          return `## ${b.text}`;
        case 'h3':
          return `### ${b.text}`;
        case 'p':
          return b.text;
        case 'ul':
          return b.items.map((item) => `- ${item}`).join('\n');
        case 'ol':
          return b.items.map((item, i) => `${i + 1}. ${item}`).join('\n');
        case 'table':
          return [`| ${b.head.map(cell).join(' | ')} |`, `|${b.head.map(() => '---').join('|')}|`, ...b.rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
        case 'callout':
          return `<Callout type="${b.kind}"${b.title ? ` title="${b.title}"` : ''}>\n\n${b.text}\n\n</Callout>`;
        case 'steps':
          return `<Steps>\n\n${b.items.map((item, i) => `${i + 1}. ${item}`).join('\n')}\n\n</Steps>`;
        case 'say':
          return `<Say who="${b.who}">${b.text}</Say>`;
      }
    })
    .join('\n\n');
}

/** The same body for Starlight: Aside for callouts, its Steps, dialogue lines as bold-led paragraphs. */
export function starlightMdx(blocks: Block[]): string {
  const text = blocks
    .map((b) => {
      switch (b.type) {
        case 'callout':
          return `<Aside type="${b.kind === 'warning' ? 'caution' : 'note'}"${b.title ? ` title="${b.title}"` : ''}>\n\n${b.text}\n\n</Aside>`;
        case 'say':
          return `**${b.who === 'client' ? 'Клиент' : 'Менеджер'}:** ${b.text}`;
        default:
          return salesbookMdx([b]);
      }
    })
    .join('\n\n');
  return `import { Aside, Steps } from '@astrojs/starlight/components';\n\n${text}`;
}

const yamlString = (text: string) => JSON.stringify(text);
const yamlList = (items: readonly string[]) => `[${items.map((i) => yamlString(i)).join(', ')}]`;

export const ROLES = ['head-of-sales', 'account-manager', 'key-account-manager', 'sales-trainee'] as const;

/** One generated document: its id, frontmatter and body, kept so that other generators can reuse it. */
export interface GeneratedDoc {
  id: string;
  title: string;
  summary: string;
  blocks: Block[];
  frontmatter: string;
  words: number;
}

export interface Corpus {
  docs: GeneratedDoc[];
  /** Ids of the pages the benchmark measures. */
  measured: { doc: string; docWithConfirm: string; script: string; lesson: string };
  /** Content pages the site serves: documents, lessons and scripts. */
  pageCount: number;
  words: number;
  files: number;
}

function pad(n: number) {
  return String(n).padStart(4, '0');
}

function docs(r: Random, count: number): GeneratedDoc[] {
  const list = Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const topic = r.pick(topics);
    return { id: `${kind}-${pad(i + 1)}`, kind, title: `${kindTitles[kind]} ${topic} № ${i + 1}`, topic };
  });
  return list.map((meta, i) => {
    const links = r.some(list.filter((d) => d.id !== meta.id), Math.min(3, count - 1)).map((d) => ({ id: d.id, title: d.title }));
    // Document sizes vary from a one-page order to a long regulation; about 1 500 words on average.
    const target = r.chance(0.2) ? r.int(200, 600) : r.int(900, 2_600);
    const blocks = body(r, target, { tables: i % 3 === 0, links });
    const major = r.int(1, 4);
    const minor = r.int(0, 3);
    const effective = `2026-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const changes = Array.from({ length: major }, (_, k) => `  - version: "${major - k}.${k === 0 ? minor : 0}"\n    date: ${2026 - k}-0${r.int(1, 9)}-1${r.int(0, 9)}\n    summary: ${yamlString(sentence(r))}`);
    const audience = r.chance(0.25) ? 'all' : yamlList(r.some(ROLES, r.int(1, 3)));
    const summary = `Как устроен порядок ${meta.topic}: сроки, ответственные и контроль. ${sentence(r)}`;
    const frontmatter = [
      `title: ${yamlString(meta.title)}`,
      `kind: ${meta.kind}`,
      `summary: ${yamlString(summary)}`,
      `owner: ${r.pick(ROLES)}`,
      `version: "${major}.${minor}"`,
      `effective: ${effective}`,
      `reviewBy: 2027-${effective.slice(5)}`,
      `status: ${r.chance(0.05) ? 'archived' : 'active'}`,
      `audience: ${audience}`,
      `requiresAck: ${r.chance(0.3)}`,
      `tags: ${yamlList(r.some(['скидки', 'crm', 'сроки', 'клиенты', 'дебиторка', 'звонки', 'встречи', 'отчёты'], r.int(1, 3)))}`,
      `changes:\n${changes.join('\n')}`,
      `related: ${yamlList(links.slice(0, 2).map((l) => l.id))}`,
    ].join('\n');
    return { id: meta.id, title: meta.title, summary, blocks, frontmatter, words: blocks.reduce((n, b) => n + blockWords(b), 0) };
  });
}

function quizYaml(r: Random, title: string, anchorDoc: GeneratedDoc): string {
  const anchor = headingsOf(salesbookMdx(anchorDoc.blocks)).find((h) => h.depth === 2)?.slug;
  const questions = Array.from({ length: 8 }, (_, i) => {
    const base = `  - id: q${i + 1}\n    explanation: ${yamlString(sentence(r))}\n    doc: ${anchorDoc.id}${anchor ? `#${anchor}` : ''}`;
    switch (i % 4) {
      case 0:
        return `${base}\n    type: single\n    text: ${yamlString(`Кто ${r.pick(verbs)} ${r.pick(objects)}?`)}\n    options:\n${subjects.slice(0, 4).map((s, k) => `      - id: o${k + 1}\n        text: ${yamlString(s)}${k === 0 ? '\n        correct: true' : ''}`).join('\n')}`;
      case 1:
        return `${base}\n    type: truefalse\n    text: ${yamlString(sentence(r))}\n    answer: ${r.chance(0.5)}`;
      case 2:
        return `${base}\n    type: number\n    text: "Какова предельная скидка менеджера без согласования, в процентах?"\n    answer: ${r.int(2, 7)}\n    unit: "%"`;
      default:
        return `${base}\n    type: order\n    text: "Расставьте шаги в правильном порядке."\n    items:\n${Array.from({ length: 4 }, () => `      - ${yamlString(sentence(r))}`).join('\n')}`;
    }
  });
  return `title: ${yamlString(title)}\npassScore: 80\nattempts: 3\ncooldownMinutes: 10\nshuffle: true\nquestions:\n${questions.join('\n')}\n`;
}

/** Writes a Salesbook content folder of `count` documents into `dir`; same seed, same files. */
export function writeCorpus(dir: string, count: number, seed = 20_270_101): Corpus {
  const r = randomFrom(seed + count);
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
    files += 1;
  };
  let files = 0;
  write('site.yaml', 'company: ООО «Опора Снабжение» (тестовый корпус)\ntagline: Сгенерированная книга продаж для замеров скорости\nlocale: ru\n');

  const generated = docs(r, count);
  for (const doc of generated) write(`docs/${doc.id}.mdx`, `---\n${doc.frontmatter}\n---\n\n${salesbookMdx(doc.blocks)}\n`);

  // The measured document without islands asks nobody to confirm it; the one with the button asks everyone.
  const plain = generated[0]!;
  write(`docs/${plain.id}.mdx`, `---\n${plain.frontmatter.replace(/^status: .*$/m, 'status: active').replace(/^requiresAck: .*$/m, 'requiresAck: false')}\n---\n\n${salesbookMdx(plain.blocks)}\n`);
  const confirm = generated[1]!;
  write(`docs/${confirm.id}.mdx`, `---\n${confirm.frontmatter.replace(/^status: .*$/m, 'status: active').replace(/^requiresAck: .*$/m, 'requiresAck: true').replace(/^audience: .*$/m, 'audience: all')}\n---\n\n${salesbookMdx(confirm.blocks)}\n`);

  const pathDocs = generated.filter((_, i) => i % 10 === 1).slice(0, 40).map((d) => d.id);
  const role = (id: string, title: string, reportsTo: string | undefined, path: { docs: string[]; courses: string[] }) =>
    write(
      `roles/${id}.yaml`,
      [
        `title: ${yamlString(title)}`,
        `summary: ${yamlString(`${title}: ${sentence(r)}`)}`,
        ...(reportsTo ? [`reportsTo: ${reportsTo}`] : []),
        `headcount: ${r.int(1, 8)}`,
        'duties:',
        ...Array.from({ length: 5 }, () => `  - ${yamlString(sentence(r))}`),
        'kpis:',
        '  - name: Выполнение плана\n    target: "≥ 100 %"',
        '  - name: Конверсия заявок\n    target: "≥ 20 %"',
        'path:',
        `  docs: ${yamlList(path.docs)}`,
        `  courses: ${yamlList(path.courses)}`,
      ].join('\n') + '\n',
    );
  role('head-of-sales', 'Руководитель отдела продаж', undefined, { docs: [], courses: [] });
  role('key-account-manager', 'Менеджер по ключевым клиентам', 'head-of-sales', { docs: pathDocs.slice(0, 10), courses: [] });
  role('account-manager', 'Менеджер по работе с клиентами', 'head-of-sales', { docs: pathDocs.slice(0, 20), courses: ['onboarding'] });
  role('sales-trainee', 'Стажёр отдела продаж', 'account-manager', { docs: pathDocs, courses: ['onboarding'] });

  const lessons = ['company', 'inbound', 'calls', 'proposals', 'crm', 'objections'];
  write(
    'courses/onboarding/course.yaml',
    `title: Адаптация менеджера по продажам\nsummary: ${yamlString(sentence(r))}\naudience: [sales-trainee, account-manager]\ntargetDays: 30\nlessons: ${yamlList(lessons)}\nquiz: onboarding-final\n`,
  );
  lessons.forEach((lesson, i) => {
    const blocks = body(r, r.int(500, 1_200), { tables: i % 2 === 0, links: generated.slice(0, 5).map((d) => ({ id: d.id, title: d.title })) });
    const quiz = i === 1 ? 'quiz: onboarding-inbound\n' : '';
    write(`courses/onboarding/${lesson}.mdx`, `---\ntitle: ${yamlString(`Урок ${i + 1}: ${lower(r.pick(sectionTitles))}`)}\nminutes: ${r.int(5, 25)}\n${quiz}docs: ${yamlList(generated.slice(i, i + 2).map((d) => d.id))}\n---\n\n${salesbookMdx(blocks)}\n`);
  });
  write('quizzes/onboarding-inbound.yaml', quizYaml(r, 'Урок «Входящие заявки» — проверка', generated[0]!));
  write('quizzes/onboarding-final.yaml', quizYaml(r, 'Итоговый тест курса адаптации', generated[1]!));

  const channels = ['cold-call', 'inbound-call', 'objection'] as const;
  channels.forEach((channel, i) => {
    const blocks = body(r, r.int(600, 1_400), { tables: false, links: [] });
    write(
      `scripts/script-${channel}.mdx`,
      `---\ntitle: ${yamlString(`Скрипт: ${r.pick(clientMoves)}`)}\nchannel: ${channel}\nsituation: ${yamlString(sentence(r))}\naudience: all\nowner: head-of-sales\nversion: "${i + 1}.0"\nrelated: ${yamlList([generated[i]!.id])}\n---\n\n${salesbookMdx(blocks)}\n`,
    );
  });

  return {
    docs: generated,
    measured: { doc: plain.id, docWithConfirm: confirm.id, script: 'script-cold-call', lesson: 'onboarding/inbound' },
    pageCount: generated.length + lessons.length + channels.length,
    words: generated.reduce((n, d) => n + d.words, 0),
    files,
  };
}

/** Writes the same documents as a Starlight site's content (src/content/docs/docs/<id>.mdx). */
export function writeStarlightDocs(dir: string, docs: GeneratedDoc[]): void {
  const folder = join(dir, 'src', 'content', 'docs', 'docs');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(dir, 'src', 'content', 'docs', 'index.mdx'), '---\ntitle: Книга продаж\n---\n\nСгенерированный корпус.\n');
  for (const doc of docs) {
    writeFileSync(join(folder, `${doc.id}.mdx`), `---\ntitle: ${yamlString(doc.title)}\ndescription: ${yamlString(doc.summary)}\n---\n\n${starlightMdx(doc.blocks)}\n`);
  }
}
