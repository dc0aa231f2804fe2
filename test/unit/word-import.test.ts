import { describe, expect, it } from 'vitest';
import { unsafeMdx } from '../../src/content-check/mdx-safety';
import { wordImportEn, wordImportRu } from '../../src/i18n/word-import';
import { convertDocx, guessKind, MAX_DOCX_BYTES, WordImportError, type ConvertedDocument, type ImportRefusal } from '../../src/server/word-import';
import { FINDING_KINDS } from '../../src/server/word-import/findings';
import { handNumberedLevel, sentenceCase, titleFromFileName } from '../../src/server/word-import/titles';
import * as fixtures from '../docx-fixtures';

const imageUrl = (name: string) => `/media/docs/draft/${name}`;
const convert = async (file: Promise<Buffer> | Buffer, fileName = 'Документ.docx'): Promise<ConvertedDocument> => convertDocx(await file, { fileName, imageUrl });

/** The reason `file` is refused for; fails the test when it converts. */
async function refusal(file: Promise<Buffer> | Buffer): Promise<ImportRefusal> {
  try {
    await convert(file);
  } catch (error) {
    expect(error).toBeInstanceOf(WordImportError);
    return (error as WordImportError).reason;
  }
  throw new Error('the file converted, but should have been refused');
}

const body = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('converting a Word file into a document body', () => {
  it('takes a Title as the title and starts sections at ## when Heading 1 is used for several', async () => {
    const doc = await convert(fixtures.titleAndSectionsDocx());
    expect(doc).toMatchObject({ title: 'Стандарт работы с ключевыми клиентами', titleFrom: 'heading', kind: 'standard', images: [], findings: [] });
    expect(doc.body).toBe(
      body(
        '## Кто такой ключевой клиент',
        '',
        'Ключевой клиент приносит не меньше 5 % маржи отдела за год.',
        '',
        '### Как его назначают',
        '',
        'Руководитель отдела назначает его по итогам квартала.',
        '',
        '#### Исключения',
        '',
        'Новых клиентов с договором на год назначают сразу.',
        '',
        '## Второй ответственный',
        '',
        'За каждым ключевым клиентом закреплены два менеджера.',
      ),
    );
  });

  it('takes a single Heading 1 at the top as the title and moves Heading 2 and 3 up to ## and ###', async () => {
    const doc = await convert(fixtures.singleTopHeadingDocx());
    expect(doc).toMatchObject({ title: 'Политика скидок', titleFrom: 'heading', kind: 'policy', findings: [] });
    expect(doc.body).toBe(body('## Кто согласует скидку', '', 'Скидку до 10 % даёт менеджер, больше — руководитель отдела.', '', '### Скидки ключевым клиентам', '', 'Согласует коммерческий директор.'));
  });

  it('writes Heading 1 as ## when it names several sections, and then takes the title from the file name', async () => {
    const doc = await convert(fixtures.sectionsOnlyDocx(), 'C:\\Документы\\Регламент_скорости-ответа.docx');
    expect(doc).toMatchObject({ title: 'Регламент скорости ответа', titleFrom: 'file-name', kind: 'regulation' });
    expect(doc.body).toBe(
      body('## Цель', '', 'Отвечать клиенту быстрее конкурентов.', '', '## Область применения', '', 'Все менеджеры отдела продаж.', '', '### Исключения', '', 'Тендерные заявки идут по своему регламенту.'),
    );
  });

  it('reads headings numbered by hand, keeping the numbers; clauses, list items and table cells stay as they are', async () => {
    const doc = await convert(fixtures.handNumberedDocx());
    // «ПОЛОЖЕНИЕ» and «об отделе продаж» on two lines are one title, in sentence case.
    expect(doc).toMatchObject({ title: 'Положение об отделе продаж', titleFrom: 'heading', kind: 'statute', findings: [] });
    expect(doc.body).toBe(
      body(
        '## 1. Общие положения',
        '',
        '1.1. Настоящее положение определяет задачи, структуру и порядок работы отдела продаж.',
        '',
        '1.2. Отдел подчиняется коммерческому директору.',
        '',
        '## 2 Задачи отдела',
        '',
        '### 2.1. Планирование',
        '',
        '#### 2.1.1. Месячный план',
        '',
        'Руководитель утверждает план до 25-го числа предыдущего месяца.',
        '',
        '2.2. Отдел выполняет план продаж:',
        '',
        '- 3\\. Пункт списка, а не заголовок',
        '',
        '| 3. В таблице | 4. Тоже не заголовок |',
        '| - | - |',
      ),
    );
  });

  it('writes nested bulleted and numbered lists', async () => {
    const doc = await convert(fixtures.listsDocx());
    expect(doc.body).toBe(
      body(
        'Менеджер готовит к встрече:',
        '',
        '- презентацию',
        '- коммерческое предложение',
        '  - с ценами на текущий месяц',
        '  - с условиями доставки',
        '- визитки',
        '',
        'Порядок звонка:',
        '',
        '1. Представиться',
        '2. Назвать цель звонка',
        '   1. Уточнить, удобно ли говорить',
        '3. Договориться о следующем шаге',
      ),
    );
    expect(doc.findings).toEqual([]);
  });

  it('writes tables as GFM tables: a merged cell’s text in its first cell, a cell of several paragraphs or a list on one line; both reported', async () => {
    const doc = await convert(fixtures.mergedTableDocx());
    expect(doc.body).toBe(
      body(
        '| Роль | Что делает | Срок |',
        '| - | - | - |',
        '| Менеджер | Принимает заявку | 15 минут |',
        '| | Звонит клиенту | 1 час |',
        '| Руководитель | Контролирует сроки | |',
        '| Администратор CRM | Настраивает воронку. Выгружает отчёты | еженедельно; по запросу |',
      ),
    );
    expect(doc.findings).toEqual([
      { kind: 'merged-cells', count: 2, sample: 'Менеджер' },
      { kind: 'complex-table', count: 2, sample: 'Настраивает воронку. Выгружает отчёты' },
    ]);
  });

  it('keeps pictures a browser shows, named in the order they appear; drops the others and reports them', async () => {
    const doc = await convert(fixtures.imagesDocx());
    expect(doc.images.map(({ name, contentType }) => ({ name, contentType }))).toEqual([
      { name: 'image-1.png', contentType: 'image/png' },
      { name: 'image-2.png', contentType: 'image/png' },
    ]);
    expect(doc.images[0]?.bytes.equals(fixtures.tinyPng())).toBe(true);
    expect(doc.images[1]?.bytes.equals(fixtures.tinyPng(3, 1))).toBe(true);
    expect(doc.body).toBe(body('![Воронка продаж](/media/docs/draft/image-1.png)', '', 'Под схемой — пояснение.', '', '![](/media/docs/draft/image-2.png)'));
    expect(doc.findings).toEqual([{ kind: 'unsupported-image', count: 1, sample: 'Печать организации' }]);
  });

  it('keeps bold, italic, strikethrough and links to the web and mail; bookmarks, tabs, page breaks and empty paragraphs leave no trace; text that MDX would read as code stays text', async () => {
    const doc = await convert(fixtures.formattingDocx());
    expect(doc.body).toBe(
      body(
        'Заявку **обязательно** *регистрируют* в CRM, ~~а не в Excel~~.',
        '',
        'Карточка клиента — на [портале CRM](https://crm.example.ru/clients), вопросы — на [sales@example.ru](mailto:sales@example.ru), подробнее — в разделе о сроках и в прайс-листе.',
        '',
        'Срок 15 минут',
        '',
        'Сроки ответа',
        '',
        'Шаблон письма: «Здравствуйте, \\{имя}! Ваша заявка \\<№ 15> принята».',
        '',
        '&#x69;mport fs from "node:fs"',
        '',
        '&#x65;xport const скидка = 10',
        '',
        '\\<script>alert(1)\\</script>',
        '',
        'Площадь склада — 200 м², а # не заголовок, \\* не список, | не таблица.',
      ),
    );
    // A link to a bookmark is the document's own; a link to a file on a computer is reported.
    expect(doc.findings).toEqual([{ kind: 'file-link', count: 1, sample: 'прайс-листе' }]);
  });

  it('writes footnotes and endnotes as GFM footnotes, numbered in the order the text refers to them', async () => {
    const doc = await convert(fixtures.notesDocx());
    expect(doc.body).toBe(
      body(
        'Ответ клиенту — за 15 минут[^1] в рабочее время[^2].',
        '',
        'Сроки согласованы с юристом[^3].',
        '',
        '[^1]: Считая с момента регистрации заявки в CRM.',
        '',
        '[^2]: С 9:00 до 18:00 по местному времени.',
        '',
        '[^3]: Письмо юридического отдела от 10.01.2026.',
      ),
    );
    expect(doc.findings).toEqual([]);
  });

  it('drops comments and reports them with their words', async () => {
    const doc = await convert(fixtures.commentDocx());
    expect(doc.body).toBe(body('Менеджер перезванивает в течение 15 минут.'));
    expect(doc.findings).toEqual([{ kind: 'comment', count: 1, sample: 'А в выходные тоже 15 минут?' }]);
  });

  it('accepts tracked changes (insertions kept, deletions dropped) and reports them', async () => {
    const doc = await convert(fixtures.trackedChangesDocx());
    expect(doc.body).toBe(body('Менеджер перезванивает в течение 15 минут.'));
    expect(doc.findings).toEqual([{ kind: 'tracked-change', count: 2, sample: '30 минут' }]);
  });

  it('moves a text box’s text after its place and says so; reports a shape whose text is lost', async () => {
    const doc = await convert(fixtures.textBoxesDocx());
    expect(doc.body).toBe(body('Перед звонком откройте карточку клиента.', '', 'Важно: не обещайте скидку до согласования.', '', 'После звонка заполните результат.'));
    expect(doc.findings).toEqual([
      { kind: 'text-box', count: 1, sample: 'Важно: не обещайте скидку до согласования.' },
      { kind: 'text-box-dropped', count: 1, sample: 'Схема: заявка → звонок → счёт' },
    ]);
  });

  it('reports what Markdown cannot hold: an equation, a chart, SmartArt, an embedded spreadsheet, drawn shapes; a text box as Word saves it counts once', async () => {
    const doc = await convert(fixtures.objectsDocx());
    expect(doc.body).toBe(body('Премия считается так:', '', 'Расчёт по месяцам:', '', 'Главное правило.', '', 'Премия не выплачивается при просрочке заявок.', '', 'Расчёт делает руководитель отдела.'));
    expect(doc.findings).toEqual([
      { kind: 'text-box', count: 1, sample: 'Премия не выплачивается при просрочке заявок.' },
      { kind: 'embedded-object', count: 1, sample: 'Excel' },
      { kind: 'chart', count: 1 },
      { kind: 'diagram', count: 1 },
      { kind: 'drawing', count: 1 },
      { kind: 'equation', count: 1, sample: 'П = М × 0,05' },
    ]);
  });

  it('drops Word’s table of contents, which the portal makes itself, and reports it', async () => {
    const doc = await convert(fixtures.contentsDocx());
    expect(doc.title).toBe('Регламент встреч с клиентами');
    expect(doc.body).toBe(body('## Подготовка', '', 'За день до встречи менеджер подтверждает время.', '', '## Проведение', '', 'Встреча начинается с повестки.'));
    expect(doc.findings).toEqual([{ kind: 'table-of-contents', count: 2 }]);
  });

  it('converts a regulation of several pages as a head brings it', async () => {
    const doc = await convert(fixtures.regulationDocx(), 'Регламент_заявки_2026.docx');
    expect(doc).toMatchObject({ title: 'Регламент обработки входящих заявок', titleFrom: 'heading', kind: 'regulation', images: [] });
    const headings = doc.body.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '## 1. Общие положения',
      '## 2. Термины и определения',
      '## 3. Приём и регистрация заявок',
      '## 4. Обработка заявки',
      '### 4.1. Первый контакт',
      '### 4.2. Квалификация',
      '## 5. Ответственность',
      '## 6. Контроль исполнения',
    ]);
    // The approval block stays where it was, above the first section.
    expect(doc.body.startsWith(body('УТВЕРЖДАЮ', '', 'Генеральный директор ООО «Северный ветер»', '', '\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ А. В. Смирнов', '', '«12» января 2026 г.', '', '## 1. Общие положения'))).toBe(true);
    expect(doc.body).toContain(
      body(
        '- **Заявка** — обращение клиента с сайта, по телефону, по электронной почте или через мессенджер, содержащее контакт для связи.',
        '- **Квалификация** — выяснение потребности, бюджета, сроков и лица, принимающего решение.',
        '- **CRM** — система Битрикс24, в которой регистрируются все заявки и сделки.',
        '- **SLA** — предельный срок реакции на заявку.',
      ),
    );
    expect(doc.body).toContain(
      body('3.2. При регистрации заявки менеджер заполняет поля:', '', '1. Источник обращения', '2. Имя и телефон клиента', '3. Суть запроса', '   1. Желаемый срок поставки', '   2. Ориентировочный бюджет'),
    );
    expect(doc.body).toContain(
      body(
        '| Участник | Отвечает за | Контрольный срок |',
        '| - | - | - |',
        '| Менеджер по входящим заявкам | Регистрацию и первый звонок | 15 минут |',
        '| Менеджер по работе с клиентами | Квалификацию и коммерческое предложение | 1 рабочий день |',
        '| Руководитель отдела продаж | Контроль соблюдения сроков | Ежедневно |',
        '| Администратор CRM | Настройку автоматической регистрации | Постоянно |',
      ),
    );
    expect(doc.body).toContain('\n4.1.1. Менеджер звонит клиенту в течение 15 минут после регистрации заявки.');
    expect(doc.body).toContain('\nПримечание. Причина отказа выбирается из списка;');
    expect(doc.body.endsWith('6.2. Нарушение сроков обработки заявок учитывается при расчёте ежемесячной премии.\n')).toBe(true);
    expect(doc.findings).toEqual([
      { kind: 'header-footer', count: 2, sample: 'ООО «Северный ветер». Регламент обработки входящих заявок' },
      { kind: 'unknown-style', count: 1, sample: 'Примечание к регламенту' },
    ]);
  });

  it('gives a body that passes the MDX check of the editor, with no # heading, for every file', async () => {
    const builders = [
      fixtures.titleAndSectionsDocx,
      fixtures.singleTopHeadingDocx,
      fixtures.sectionsOnlyDocx,
      fixtures.handNumberedDocx,
      fixtures.listsDocx,
      fixtures.mergedTableDocx,
      fixtures.imagesDocx,
      fixtures.formattingDocx,
      fixtures.commentDocx,
      fixtures.notesDocx,
      fixtures.trackedChangesDocx,
      fixtures.textBoxesDocx,
      fixtures.objectsDocx,
      fixtures.contentsDocx,
      fixtures.regulationDocx,
    ];
    for (const build of builders) {
      const doc = await convert(build());
      expect(unsafeMdx(doc.body), build.name).toEqual([]);
      expect(doc.body.split('\n').filter((line) => /^# /.test(line)), build.name).toEqual([]);
      expect(doc.findings.filter((finding) => finding.kind === 'unsafe-text'), build.name).toEqual([]);
    }
  });
});

describe('the kind of a document, from its title', () => {
  it('is named by the first word, in Russian or English, whatever its case', () => {
    expect(guessKind('Регламент обработки заявок')).toBe('regulation');
    expect(guessKind('ПОЛОЖЕНИЕ об отделе продаж')).toBe('statute');
    expect(guessKind('Приказ № 12 о премировании')).toBe('order');
    expect(guessKind('Стандарт внешнего вида')).toBe('standard');
    expect(guessKind('Инструкция по работе в CRM')).toBe('guide');
    expect(guessKind('Руководство менеджера')).toBe('guide');
    expect(guessKind('Шаблон коммерческого предложения')).toBe('template');
    expect(guessKind('Форма заявки на скидку')).toBe('template');
    expect(guessKind('«Политика» скидок')).toBe('policy');
    expect(guessKind('Sales Regulation')).toBe('regulation');
    expect(guessKind('Statute of the sales department')).toBe('statute');
    expect(guessKind('Bylaws')).toBe('statute');
    expect(guessKind('Order 15: bonuses')).toBe('order');
    expect(guessKind('Standard of service')).toBe('standard');
    expect(guessKind('Instructions for new managers')).toBe('guide');
    expect(guessKind('Guide to calls')).toBe('guide');
    expect(guessKind('Template: proposal')).toBe('template');
    expect(guessKind('Form of a discount request')).toBe('template');
    expect(guessKind('POLICY ON DISCOUNTS')).toBe('policy');
  });

  it('is a regulation when the first word names no kind', () => {
    expect(guessKind('Порядок обработки заявок')).toBe('regulation');
    expect(guessKind('Регламентирование продаж')).toBe('regulation');
    expect(guessKind('')).toBe('regulation');
  });
});

describe('titles and headings', () => {
  it('writes titles typed in capitals in sentence case, keeping Latin names', () => {
    expect(sentenceCase('РЕГЛАМЕНТ ОБРАБОТКИ ЗАЯВОК')).toBe('Регламент обработки заявок');
    expect(sentenceCase('РЕГЛАМЕНТ обработки заявок')).toBe('Регламент обработки заявок');
    expect(sentenceCase('РЕГЛАМЕНТ РАБОТЫ В CRM-СИСТЕМЕ')).toBe('Регламент работы в CRM-системе');
    expect(sentenceCase('1. ОБЩИЕ ПОЛОЖЕНИЯ')).toBe('1. Общие положения');
    expect(sentenceCase('Работа с CRM и SLA')).toBe('Работа с CRM и SLA');
    expect(sentenceCase('ООО «Ромашка»: регламент')).toBe('ООО «Ромашка»: регламент');
  });

  it('makes a title of a file’s name without its folder and extension', () => {
    expect(titleFromFileName('Регламент_обработки-заявок.docx')).toBe('Регламент обработки заявок');
    expect(titleFromFileName('/home/user/Приказ 12.v2.docx')).toBe('Приказ 12.v2');
    expect(titleFromFileName('.docx')).toBe('Документ');
  });

  it('reads short numbered lines as headings, by how many numbers they have', () => {
    expect(handNumberedLevel('1. Общие положения')).toBe(2);
    expect(handNumberedLevel('2 Порядок работы')).toBe(2);
    expect(handNumberedLevel('3.1. Сроки')).toBe(3);
    expect(handNumberedLevel('3.1 Сроки')).toBe(3);
    expect(handNumberedLevel('3.1.2. Исключения')).toBe(4);
    expect(handNumberedLevel('1.1. Настоящий регламент устанавливает порядок.')).toBeUndefined();
    expect(handNumberedLevel('2.2. Отдел выполняет:')).toBeUndefined();
    expect(handNumberedLevel(`1.1. Настоящий регламент устанавливает порядок приёма, регистрации и обработки заявок клиентов в отделе продаж`)).toBeUndefined();
    expect(handNumberedLevel('2026 год')).toBeUndefined();
    expect(handNumberedLevel('1 раз в неделю')).toBeUndefined();
  });

  it('keeps a paragraph that is all the document says as its text, and names it after the file', async () => {
    const doc = await convert(fixtures.oneParagraphDocx(), 'Планёрки.docx');
    expect(doc).toMatchObject({ title: 'Планёрки', titleFrom: 'file-name', body: body('Планёрка отдела — по понедельникам в 9:30') });
  });

  it('takes a title in capitals from the first paragraph, past an approval block', async () => {
    const doc = await convert(fixtures.regulationDocx());
    expect(doc.title).toBe('Регламент обработки входящих заявок');
    expect(doc.body).not.toContain('РЕГЛАМЕНТ');
  });
});

describe('files the import refuses', () => {
  it('refuses a file over the limit and an empty one before reading them', async () => {
    expect(await refusal(Buffer.alloc(MAX_DOCX_BYTES + 1))).toBe('too-large');
    expect(await refusal(Buffer.alloc(0))).toBe('empty');
  });

  it('refuses an old .doc or a file protected by a password', async () => {
    expect(await refusal(fixtures.oleFile())).toBe('protected-or-legacy');
  });

  it('refuses what is not a Word document', async () => {
    expect(await refusal(fixtures.plainTextFile())).toBe('not-docx');
    expect(await refusal(fixtures.zipWithoutDocument())).toBe('not-docx');
  });

  it('refuses a broken zip', async () => {
    expect(await refusal(fixtures.truncatedDocx())).toBe('corrupt');
  });

  it('refuses a zip bomb, whether its directory tells the size or understates it', async () => {
    expect(await refusal(fixtures.zipBomb())).toBe('zip-bomb');
    expect(await refusal(fixtures.lyingZipBomb())).toBe('zip-bomb');
  });

  it('refuses a document whose text is over what the editor takes', async () => {
    expect(await refusal(fixtures.hugeTextDocx())).toBe('too-large');
  });

  it('refuses a document with no text', async () => {
    expect(await refusal(fixtures.blankDocx())).toBe('empty');
  });
});

describe('the words of the report', () => {
  it('give every refusal and every finding a message in Russian and English, findings with their count', () => {
    const refusals: ImportRefusal[] = ['too-large', 'not-docx', 'protected-or-legacy', 'corrupt', 'zip-bomb', 'empty', 'too-slow'];
    const keys = [...refusals.map((reason) => `import.refused.${reason}`), ...FINDING_KINDS.map((kind) => `import.finding.${kind}`)];
    expect(Object.keys(wordImportRu).sort()).toEqual([...keys].sort());
    expect(Object.keys(wordImportEn).sort()).toEqual([...keys].sort());
    for (const kind of FINDING_KINDS) {
      const key = `import.finding.${kind}` as keyof typeof wordImportRu;
      expect(wordImportRu[key], key).toContain('{count}');
      expect(wordImportEn[key], key).toContain('{count}');
    }
  });
});
