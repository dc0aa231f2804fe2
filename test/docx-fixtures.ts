// Word files for the import tests, made here with the `docx` library so that every run builds the same
// files and anyone can see what each holds. One construct per file, a regulation of several pages as
// a head would bring it, and files the import must refuse.
import { Readable } from 'node:stream';
import { buffer as readAll } from 'node:stream/consumers';
import { crc32, deflateSync } from 'node:zlib';
import {
  AlignmentType,
  Bookmark,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  EndnoteReferenceRun,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  ImportedXmlComponent,
  InsertedTextRun,
  InternalHyperlink,
  LevelFormat,
  Math as WordMath,
  MathRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  Textbox,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { ChartRun } from 'docx/charts';
import { ShapeRun } from 'docx/shapes';
import yazl from 'yazl';
import { MAX_UNPACKED_BYTES } from '../src/server/word-import';

type Blocks = ISectionOptions['children'];

const NUMBERED = 'numbered';
const numbering = {
  config: [
    {
      reference: NUMBERED,
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
        { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2.', alignment: AlignmentType.START },
      ],
    },
  ],
};

const documentOf = (children: Blocks, extra: Partial<ConstructorParameters<typeof Document>[0]> = {}) =>
  Packer.toBuffer(new Document({ creator: 'Salesbook', numbering, ...extra, sections: [{ children }] }));

const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });
const heading = (heading: (typeof HeadingLevel)[keyof typeof HeadingLevel], text: string) => new Paragraph({ heading, children: [new TextRun(text)] });
const item = (text: string, level = 0) => new Paragraph({ numbering: { reference: NUMBERED, level }, children: [new TextRun(text)] });
const bullet = (text: string, level = 0) => new Paragraph({ bullet: { level }, children: [new TextRun(text)] });
const cell = (children: Paragraph[], options: { columnSpan?: number; rowSpan?: number } = {}) => new TableCell({ children, ...options });
const row = (...cells: TableCell[]) => new TableRow({ children: cells });
const table = (...rows: TableRow[]) => new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });

/** A PNG of `width` × `height` red pixels, written byte by byte: signature, header, pixels, end. */
export function tinyPng(width = 2, height = 2): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const frame = Buffer.alloc(8 + body.length);
    frame.writeUInt32BE(data.length, 0);
    body.copy(frame, 4);
    frame.writeUInt32BE(crc32(body), 4 + body.length);
    return frame;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const line = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([0xd9, 0x2b, 0x2b]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => line)));
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** A BMP of one white pixel: Word keeps such pictures, browsers are not meant to get them. */
function tinyBmp(): Buffer {
  const bmp = Buffer.alloc(58);
  bmp.write('BM', 0, 'latin1');
  bmp.writeUInt32LE(58, 2);
  bmp.writeUInt32LE(54, 10);
  bmp.writeUInt32LE(40, 14);
  bmp.writeInt32LE(1, 18);
  bmp.writeInt32LE(1, 22);
  bmp.writeUInt16LE(1, 26);
  bmp.writeUInt16LE(24, 28);
  bmp.writeUInt32LE(4, 34);
  bmp.fill(0xff, 54, 57);
  return bmp;
}

/** Title, then Heading 1 used for several sections, with Heading 2 and 3 inside. */
export function titleAndSectionsDocx(): Promise<Buffer> {
  return documentOf([
    heading(HeadingLevel.TITLE, 'Стандарт работы с ключевыми клиентами'),
    heading(HeadingLevel.HEADING_1, 'Кто такой ключевой клиент'),
    p('Ключевой клиент приносит не меньше 5 % маржи отдела за год.'),
    heading(HeadingLevel.HEADING_2, 'Как его назначают'),
    p('Руководитель отдела назначает его по итогам квартала.'),
    heading(HeadingLevel.HEADING_3, 'Исключения'),
    p('Новых клиентов с договором на год назначают сразу.'),
    heading(HeadingLevel.HEADING_1, 'Второй ответственный'),
    p('За каждым ключевым клиентом закреплены два менеджера.'),
  ]);
}

/** One Heading 1 at the top, as the document's name; sections in Heading 2 and 3. */
export function singleTopHeadingDocx(): Promise<Buffer> {
  return documentOf([
    heading(HeadingLevel.HEADING_1, 'Политика скидок'),
    heading(HeadingLevel.HEADING_2, 'Кто согласует скидку'),
    p('Скидку до 10 % даёт менеджер, больше — руководитель отдела.'),
    heading(HeadingLevel.HEADING_3, 'Скидки ключевым клиентам'),
    p('Согласует коммерческий директор.'),
  ]);
}

/** Heading 1 for every section and no title: the title comes from the file's name. */
export function sectionsOnlyDocx(): Promise<Buffer> {
  return documentOf([
    heading(HeadingLevel.HEADING_1, 'Цель'),
    p('Отвечать клиенту быстрее конкурентов.'),
    heading(HeadingLevel.HEADING_1, 'Область применения'),
    p('Все менеджеры отдела продаж.'),
    heading(HeadingLevel.HEADING_2, 'Исключения'),
    p('Тендерные заявки идут по своему регламенту.'),
  ]);
}

/** A title in capitals on two lines and headings numbered by hand, with clauses that stay paragraphs. */
export function handNumberedDocx(): Promise<Buffer> {
  return documentOf([
    bold('ПОЛОЖЕНИЕ'),
    bold('об отделе продаж'),
    bold('1. Общие положения'),
    p('1.1. Настоящее положение определяет задачи, структуру и порядок работы отдела продаж.'),
    p('1.2. Отдел подчиняется коммерческому директору.'),
    p('2 ЗАДАЧИ ОТДЕЛА'),
    p('2.1. Планирование'),
    p('2.1.1. Месячный план'),
    p('Руководитель утверждает план до 25-го числа предыдущего месяца.'),
    p('2.2. Отдел выполняет план продаж:'),
    bullet('3. Пункт списка, а не заголовок'),
    new Table({ rows: [row(cell([p('3. В таблице')]), cell([p('4. Тоже не заголовок')]))] }),
  ]);
}

/** A note of one short paragraph. */
export function oneParagraphDocx(): Promise<Buffer> {
  return documentOf([p('Планёрка отдела — по понедельникам в 9:30')]);
}

/** Nested bulleted and numbered lists. */
export function listsDocx(): Promise<Buffer> {
  return documentOf([
    heading(HeadingLevel.HEADING_1, 'Списки'),
    p('Менеджер готовит к встрече:'),
    bullet('презентацию'),
    bullet('коммерческое предложение'),
    bullet('с ценами на текущий месяц', 1),
    bullet('с условиями доставки', 1),
    bullet('визитки'),
    p('Порядок звонка:'),
    item('Представиться'),
    item('Назвать цель звонка'),
    item('Уточнить, удобно ли говорить', 1),
    item('Договориться о следующем шаге'),
  ]);
}

/** A responsibility table with a cell merged down, one merged across, and cells with paragraphs and a list. */
export function mergedTableDocx(): Promise<Buffer> {
  return documentOf([
    heading(HeadingLevel.HEADING_1, 'Ответственность'),
    table(
      row(cell([p('Роль')]), cell([p('Что делает')]), cell([p('Срок')])),
      row(cell([p('Менеджер')], { rowSpan: 2 }), cell([p('Принимает заявку')]), cell([p('15 минут')])),
      row(cell([p('Звонит клиенту')]), cell([p('1 час')])),
      row(cell([p('Руководитель')]), cell([p('Контролирует сроки')], { columnSpan: 2 })),
      row(cell([p('Администратор CRM')]), cell([p('Настраивает воронку.'), p('Выгружает отчёты')]), cell([bullet('еженедельно'), bullet('по запросу')])),
    ),
  ]);
}

/** A PNG with alternative text, and a BMP that a browser is not given. */
export function imagesDocx(): Promise<Buffer> {
  return documentOf([
    heading(HeadingLevel.HEADING_1, 'Схема воронки'),
    new Paragraph({ children: [new ImageRun({ type: 'png', data: tinyPng(), transformation: { width: 40, height: 40 }, altText: { name: 'Воронка', title: 'Воронка', description: 'Воронка продаж' } })] }),
    p('Под схемой — пояснение.'),
    new Paragraph({ children: [new ImageRun({ type: 'bmp', data: tinyBmp(), transformation: { width: 10, height: 10 }, altText: { name: 'Печать', title: 'Печать', description: 'Печать организации' } })] }),
    new Paragraph({ children: [new ImageRun({ type: 'png', data: tinyPng(3, 1), transformation: { width: 30, height: 10 } })] }),
  ]);
}

/** Bold, italic, strikethrough, links to the web, to mail, to a bookmark and to a file, tabs, a page break, and text that MDX would read as code. */
export function formattingDocx(): Promise<Buffer> {
  return documentOf([
    heading(HeadingLevel.HEADING_1, 'Оформление'),
    new Paragraph({
      children: [
        new TextRun({ text: 'Заявку ', bold: false }),
        new TextRun({ text: 'обязательно ', bold: true }),
        new TextRun({ text: 'регистрируют', italics: true }),
        new TextRun(' в CRM, '),
        new TextRun({ text: 'а не в Excel', strike: true }),
        new TextRun('.'),
      ],
    }),
    new Paragraph({
      children: [
        new TextRun('Карточка клиента — на '),
        new ExternalHyperlink({ link: 'https://crm.example.ru/clients', children: [new TextRun({ text: 'портале CRM', style: 'Hyperlink' })] }),
        new TextRun(', вопросы — на '),
        new ExternalHyperlink({ link: 'mailto:sales@example.ru', children: [new TextRun({ text: 'sales@example.ru', style: 'Hyperlink' })] }),
        new TextRun(', подробнее — в '),
        new InternalHyperlink({ anchor: 'deadlines', children: [new TextRun({ text: 'разделе о сроках', style: 'Hyperlink' })] }),
        new TextRun(' и в '),
        new ExternalHyperlink({ link: 'file:///S:/Продажи/Прайс.xlsx', children: [new TextRun({ text: 'прайс-листе', style: 'Hyperlink' })] }),
        new TextRun('.'),
      ],
    }),
    new Paragraph({ children: [new TextRun({ children: ['Срок', new Tab(), '15 минут'] })] }),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ children: [new Bookmark({ id: 'deadlines', children: [new TextRun('Сроки ответа')] })] }),
    p('Шаблон письма: «Здравствуйте, {имя}! Ваша заявка <№ 15> принята».'),
    p('import fs from "node:fs"'),
    p('export const скидка = 10'),
    p('<script>alert(1)</script>'),
    p(''),
    p('   '),
    new Paragraph({ children: [new TextRun('Площадь склада — 200 м'), new TextRun({ text: '2', superScript: true }), new TextRun(', а # не заголовок, * не список, | не таблица.')] }),
  ]);
}

/** A comment on a phrase. */
export function commentDocx(): Promise<Buffer> {
  return documentOf(
    [
      heading(HeadingLevel.HEADING_1, 'Сроки'),
      new Paragraph({
        children: [
          new TextRun('Менеджер перезванивает '),
          new CommentRangeStart(0),
          new TextRun('в течение 15 минут'),
          new CommentRangeEnd(0),
          new TextRun({ children: [new CommentReference(0)] }),
          new TextRun('.'),
        ],
      }),
    ],
    { comments: { children: [{ id: 0, author: 'Иванов И. И.', date: new Date('2026-01-15T09:00:00Z'), children: [p('А в выходные тоже 15 минут?')] }] } },
  );
}

/** Two footnotes and an endnote. */
export function notesDocx(): Promise<Buffer> {
  return documentOf(
    [
      heading(HeadingLevel.HEADING_1, 'Сроки'),
      new Paragraph({ children: [new TextRun('Ответ клиенту — за 15 минут'), new FootnoteReferenceRun(1), new TextRun(' в рабочее время'), new FootnoteReferenceRun(2), new TextRun('.')] }),
      new Paragraph({ children: [new TextRun('Сроки согласованы с юристом'), new EndnoteReferenceRun(1), new TextRun('.')] }),
    ],
    {
      footnotes: { 1: { children: [p('Считая с момента регистрации заявки в CRM.')] }, 2: { children: [p('С 9:00 до 18:00 по местному времени.')] } },
      endnotes: { 1: { children: [p('Письмо юридического отдела от 10.01.2026.')] } },
    },
  );
}

/** An insertion and a deletion recorded by Word's track changes. */
export function trackedChangesDocx(): Promise<Buffer> {
  const change = { author: 'Петров П. П.', date: '2026-02-01T10:00:00Z' };
  return documentOf([
    heading(HeadingLevel.HEADING_1, 'Сроки'),
    new Paragraph({
      children: [
        new TextRun('Менеджер перезванивает в течение '),
        new DeletedTextRun({ text: '30 минут', id: 1, ...change }),
        new InsertedTextRun({ text: '15 минут', id: 2, ...change }),
        new TextRun('.'),
      ],
    }),
  ]);
}

/** A text box Word keeps in its older form (its text survives) and a drawn shape with text (its text does not). */
export function textBoxesDocx(): Promise<Buffer> {
  return documentOf([
    heading(HeadingLevel.HEADING_1, 'Памятка'),
    p('Перед звонком откройте карточку клиента.'),
    new Textbox({ style: { width: '200pt', height: 'auto' }, children: [p('Важно: не обещайте скидку до согласования.')] }),
    new Paragraph({ children: [new ShapeRun({ type: 'rectangle', transformation: { width: 200, height: 40 }, text: 'Схема: заявка → звонок → счёт' })] }),
    p('После звонка заполните результат.'),
  ]);
}

const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const WPS = 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape';

/** A run as Word writes it, for what the `docx` library does not make: the XML's prefixes are those of its document part. */
const wordRun = (xml: string) => ImportedXmlComponent.fromXmlString(`<w:r>${xml}</w:r>`) as unknown as TextRun;

/** A text box as Word 2010 and later save it: a drawn shape, with the older VML form as the fallback. */
const wordTextBox = (text: string) =>
  wordRun(
    `<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1828800" cy="457200"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="101" name="Надпись 1"/><a:graphic xmlns:a="${A}"><a:graphicData uri="${WPS}"><wps:wsp><wps:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict><v:shape id="Надпись 1" type="#_x0000_t202" style="width:144pt;height:36pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>`,
  );

/** A SmartArt diagram: Word keeps its data in parts of its own, which the converter does not read. */
const smartArt = () =>
  wordRun(
    `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="102" name="Схема 1"/><a:graphic xmlns:a="${A}"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"><dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" r:dm="rId901" r:lo="rId902" r:qs="rId903" r:cs="rId904"/></a:graphicData></a:graphic></wp:inline></w:drawing>`,
  );

/** A spreadsheet embedded in the text. */
const excelObject = () => wordRun(`<w:object w:dxaOrig="4320" w:dyaOrig="1440"><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Content" ObjectID="_1790000001"/></w:object>`);

/** What Markdown cannot hold: an equation, a chart, a SmartArt diagram, an embedded spreadsheet, drawn shapes, and a text box as Word saves it. */
export function objectsDocx(): Promise<Buffer> {
  return documentOf([
    heading(HeadingLevel.HEADING_1, 'Премия'),
    p('Премия считается так:'),
    new Paragraph({ children: [new WordMath({ children: [new MathRun('П = М × 0,05')] })] }),
    new Paragraph({ children: [new ChartRun({ type: 'column', title: 'Выручка', categories: ['Январь', 'Февраль'], series: [{ name: '2026', values: [120, 140] }] })] }),
    new Paragraph({ children: [smartArt()] }),
    new Paragraph({ children: [new TextRun('Расчёт по месяцам: '), excelObject()] }),
    new Paragraph({ children: [new ShapeRun({ type: 'rightArrow', transformation: { width: 80, height: 20 } })] }),
    new Paragraph({ children: [new TextRun('Главное правило.'), wordTextBox('Премия не выплачивается при просрочке заявок.')] }),
    p('Расчёт делает руководитель отдела.'),
  ]);
}

/** Word's own table of contents before the sections it lists, each linked to a bookmark on its heading. */
export function contentsDocx(): Promise<Buffer> {
  const entry = (text: string, anchor: string, page: number) =>
    new Paragraph({ style: 'TOC1', children: [new InternalHyperlink({ anchor, children: [new TextRun({ children: [text, new Tab(), String(page)] })] })] });
  const section = (text: string, anchor: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new Bookmark({ id: anchor, children: [new TextRun(text)] })] });
  return Packer.toBuffer(
    new Document({
      creator: 'Salesbook',
      styles: {
        paragraphStyles: [
          { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal' },
          { id: 'TOC1', name: 'toc 1', basedOn: 'Normal' },
        ],
      },
      sections: [
        {
          children: [
            heading(HeadingLevel.TITLE, 'Регламент встреч с клиентами'),
            new Paragraph({ style: 'TOCHeading', children: [new TextRun('Содержание')] }),
            entry('Подготовка', '_Toc1001', 2),
            entry('Проведение', '_Toc1002', 3),
            section('Подготовка', '_Toc1001'),
            p('За день до встречи менеджер подтверждает время.'),
            section('Проведение', '_Toc1002'),
            p('Встреча начинается с повестки.'),
          ],
        },
      ],
    }),
  );
}

/** «Регламент обработки входящих заявок»: an approval block, a title on two lines, numbered sections with clauses, terms, steps, a responsibility table, a note in a style of its own, a header and a footer. */
export function regulationDocx(): Promise<Buffer> {
  const right = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(text)] });
  const centred = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: true })] });
  const section = (text: string) => bold(text);
  const term = (name: string, meaning: string) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: name, bold: true }), new TextRun(` — ${meaning}`)] });
  const children: Blocks = [
    right('УТВЕРЖДАЮ'),
    right('Генеральный директор ООО «Северный ветер»'),
    right('__________ А. В. Смирнов'),
    right('«12» января 2026 г.'),
    centred('РЕГЛАМЕНТ'),
    centred('обработки входящих заявок'),
    section('1. Общие положения'),
    p('1.1. Настоящий регламент устанавливает порядок приёма, регистрации, распределения и обработки входящих заявок клиентов в отделе продаж ООО «Северный ветер».'),
    p('1.2. Регламент обязателен для менеджеров по входящим заявкам, менеджеров по работе с клиентами, руководителя отдела продаж и администратора CRM.'),
    p('1.3. Цель регламента — ни одна заявка не остаётся без ответа, а клиент получает первый звонок не позднее 15 минут с момента обращения в рабочее время.'),
    section('2. Термины и определения'),
    term('Заявка', 'обращение клиента с сайта, по телефону, по электронной почте или через мессенджер, содержащее контакт для связи.'),
    term('Квалификация', 'выяснение потребности, бюджета, сроков и лица, принимающего решение.'),
    term('CRM', 'система Битрикс24, в которой регистрируются все заявки и сделки.'),
    term('SLA', 'предельный срок реакции на заявку.'),
    section('3. Приём и регистрация заявок'),
    p('3.1. Заявки с сайта и из мессенджеров попадают в CRM автоматически. Заявку, поступившую по телефону или почте, менеджер регистрирует вручную в течение 5 минут.'),
    p('3.2. При регистрации заявки менеджер заполняет поля:'),
    item('Источник обращения'),
    item('Имя и телефон клиента'),
    item('Суть запроса'),
    item('Желаемый срок поставки', 1),
    item('Ориентировочный бюджет', 1),
    p('3.3. Дубли заявок объединяются с существующей сделкой, а не удаляются.'),
    new Paragraph({ children: [new PageBreak()] }),
    section('4. Обработка заявки'),
    section('4.1. Первый контакт'),
    p('4.1.1. Менеджер звонит клиенту в течение 15 минут после регистрации заявки. Если клиент не ответил, менеджер повторяет звонок через 30 минут и через 2 часа, а затем отправляет письмо.'),
    p('4.1.2. В нерабочее время заявки обрабатываются до 10:00 следующего рабочего дня.'),
    section('4.2. Квалификация'),
    p('4.2.1. По итогам первого разговора менеджер переводит сделку на стадию «Квалифицирована» или закрывает её с указанием причины.'),
    new Paragraph({ style: 'RegulationNote', children: [new TextRun('Примечание. Причина отказа выбирается из списка; поле «Другое» заполняется только при согласовании с руководителем.')] }),
    section('5. Ответственность'),
    p('5.1. Распределение ответственности приведено в таблице.'),
    table(
      row(cell([p('Участник')]), cell([p('Отвечает за')]), cell([p('Контрольный срок')])),
      row(cell([p('Менеджер по входящим заявкам')]), cell([p('Регистрацию и первый звонок')]), cell([p('15 минут')])),
      row(cell([p('Менеджер по работе с клиентами')]), cell([p('Квалификацию и коммерческое предложение')]), cell([p('1 рабочий день')])),
      row(cell([p('Руководитель отдела продаж')]), cell([p('Контроль соблюдения сроков')]), cell([p('Ежедневно')])),
      row(cell([p('Администратор CRM')]), cell([p('Настройку автоматической регистрации')]), cell([p('Постоянно')])),
    ),
    section('6. Контроль исполнения'),
    p('6.1. Руководитель отдела продаж ежедневно проверяет отчёт «Просроченные заявки» и разбирает каждую просрочку с менеджером.'),
    p('6.2. Нарушение сроков обработки заявок учитывается при расчёте ежемесячной премии.'),
  ];
  return Packer.toBuffer(
    new Document({
      creator: 'Salesbook',
      numbering,
      styles: { paragraphStyles: [{ id: 'RegulationNote', name: 'Примечание к регламенту', basedOn: 'Normal', run: { italics: true } }] },
      sections: [
        {
          headers: { default: new Header({ children: [p('ООО «Северный ветер». Регламент обработки входящих заявок')] }) },
          footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: ['Страница ', PageNumber.CURRENT] })] })] }) },
          children,
        },
      ],
    }),
  );
}

// Files the import refuses.

/** A document of nothing but empty paragraphs and a page break. */
export function blankDocx(): Promise<Buffer> {
  return documentOf([p(''), p('   '), new Paragraph({ children: [new PageBreak()] }), p('')]);
}

/** A document whose text is well over what the editor takes (256 KB): some 1 600 paragraphs of a hundred letters. */
export function hugeTextDocx(): Promise<Buffer> {
  const line = 'Менеджер фиксирует каждый звонок клиенту в карточке сделки и ставит задачу на следующий контакт. ';
  return documentOf(Array.from({ length: 1600 }, (_, index) => p(`${index + 1}) ${line}`)));
}

/** The start of an OLE compound file: an old .doc, or a .docx protected by a password. */
export function oleFile(): Promise<Buffer> {
  return Promise.resolve(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
}

/** A text file renamed to .docx. */
export function plainTextFile(): Promise<Buffer> {
  return Promise.resolve(Buffer.from('Регламент обработки заявок\n\n1. Общие положения\n', 'utf8'));
}

/** A Word file cut off in the middle, as an interrupted upload leaves it. */
export async function truncatedDocx(): Promise<Buffer> {
  const whole = await listsDocx();
  return whole.subarray(0, Math.floor(whole.length / 2));
}

async function zipOf(add: (zip: yazl.ZipFile) => void): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  add(zip);
  zip.end();
  return readAll(zip.outputStream);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/** A zip that is not a Word document: content types and a spreadsheet part, no word/document.xml. */
export function zipWithoutDocument(): Promise<Buffer> {
  return zipOf((zip) => {
    zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml');
    zip.addBuffer(Buffer.from('<worksheet/>'), 'xl/worksheets/sheet1.xml');
  });
}

let bomb: Promise<Buffer> | undefined;

/** A zip that looks like a Word file and whose document part inflates to just over MAX_UNPACKED_BYTES of zeros. */
export function zipBomb(): Promise<Buffer> {
  bomb ??= zipOf((zip) => {
    zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml');
    const chunk = Buffer.alloc(1024 * 1024);
    let left = Math.ceil(MAX_UNPACKED_BYTES / chunk.length) + 1;
    const zeros = new Readable({ read: () => void zeros.push(left-- > 0 ? chunk : null) });
    zip.addReadStream(zeros, 'word/document.xml', { compressionLevel: 1 });
  });
  return bomb;
}

/** The same bomb with its zip directory lying: the document part claims 1 000 bytes. */
export async function lyingZipBomb(): Promise<Buffer> {
  const zip = Buffer.from(await zipBomb());
  const name = Buffer.from('word/document.xml');
  // Central directory headers: signature PK\1\2; the file name at 46, the uncompressed size at 24.
  for (let at = zip.indexOf('PK\x01\x02', 0, 'latin1'); at !== -1; at = zip.indexOf('PK\x01\x02', at + 4, 'latin1')) {
    const length = zip.readUInt16LE(at + 28);
    if (zip.subarray(at + 46, at + 46 + length).equals(name)) zip.writeUInt32LE(1000, at + 24);
  }
  return zip;
}
