/** Sentences for content mistakes, as a head of sales reads them. One catalogue, two languages. */
export type ContentLocale = 'ru' | 'en';

const list = (values: readonly unknown[]) => values.map((v) => `«${String(v)}»`).join(', ');
const roubles = (locale: string, value: number) => new Intl.NumberFormat(locale).format(value).replace(/\s/g, ' ');

export const contentMessages = {
  ru: {
    required: () => 'поле обязательно, но не заполнено.',
    expectedText: (got: string) => `здесь нужен текст, а записано ${got}.`,
    expectedNumber: (got: string) => `здесь нужно число, а записано ${got}.`,
    expectedYesNo: (got: string) => `здесь нужно true или false, а записано ${got}.`,
    expectedList: (got: string) => `здесь нужен список (строки, начинающиеся с «- »), а записано ${got}.`,
    expectedGroup: (got: string) => `здесь нужен вложенный блок полей, а записано ${got}.`,
    expectedDate: (got: string) => `нужна дата в виде 2026-03-01, а записано ${got}.`,
    calendarYear: (got: string) => `год пишется четырьмя цифрами, например «2027:»; записано «${got}».`,
    calendarOtherYear: (day: string, year: string) => `дата ${day} не из ${year} года: перенесите её в свой год.`,
    calendarNotWeekend: (day: string) => `${day} — не суббота и не воскресенье: в workdays пишут только выходные, ставшие рабочими по переносу.`,
    calendarBoth: (day: string) => `дата ${day} указана и в holidays, и в workdays: оставьте её в одном из списков.`,
    oneOf: (values: readonly unknown[], got: string) => `допустимые значения: ${list(values)}; записано ${got}.`,
    unknownField: (keys: string[]) =>
      `незнакомое поле ${list(keys)}. Проверьте написание: возможно, это опечатка.`,
    tooShortText: () => 'текст не может быть пустым.',
    tooFewItems: (min: number) => `в списке должно быть не меньше ${min}.`,
    tooSmall: (min: number) => `значение должно быть не меньше ${min}.`,
    tooBig: (max: number) => `значение должно быть не больше ${max}.`,
    wholeNumber: () => 'нужно целое число.',
    version: (got: string) =>
      `версия пишется как «2.1» в кавычках: номер версии и номер правки; записано ${got}.`,
    id: (got: string) =>
      `идентификатор пишется латиницей в нижнем регистре, цифрами и дефисами (например, «crm-entry»); записано ${got}.`,
    docLink: (got: string) =>
      `ссылка на документ пишется как «id-документа» или «id-документа#раздел»; записано ${got}.`,
    timeZone: (got: string) => `часовой пояс пишется по базе IANA, как «Europe/Moscow» или «Asia/Yekaterinburg»; записано ${got}.`,
    dialogueNode: () =>
      'шаг диалога либо предлагает менеджеру варианты ответа (options), либо завершает разговор (ending и outcome), но не то и другое сразу.',
    missing: (kind: string, id: string, known: string[]) =>
      `нет ${kind} «${id}».` + (known.length ? ` Есть: ${known.slice(0, 8).join(', ')}${known.length > 8 ? '…' : ''}.` : ''),
    missingSection: (doc: string, anchor: string) =>
      `в документе «${doc}» нет раздела «#${anchor}». Раздел задаётся заголовком ## или ###.`,
    missingImage: (url: string) => `нет изображения ${url}: изображения документа лежат в docs/_media/<документ>/ и показываются по адресу /media/docs/<документ>/<файл>.`,
    duplicateId: (id: string) => `идентификатор «${id}» повторяется: у каждого элемента он должен быть свой.`,
    noCorrectOption: () => 'ни один вариант не отмечен как верный (correct: true).',
    singleNeedsOne: (count: number) => `в вопросе с одним ответом верным должен быть ровно один вариант, а отмечено ${count}.`,
    drawTooMany: (draw: number, bank: number) => `нужно выбрать ${draw} вопросов, а в банке всего ${bank}.`,
    minCertifiedNotCritical: () =>
      'минимум аттестованных (minCertified) задают только критичному навыку: добавьте пункту «critical: true» или уберите minCertified.',
    unreachableNode: (node: string) => `до шага «${node}» нельзя дойти от начала диалога.`,
    loop: (path: string[]) => `диалог может ходить по кругу: ${path.join(' → ')}. Каждый путь должен заканчиваться.`,
    reportsToLoop: (path: string[]) => `подчинённость замыкается в круг: ${path.join(' → ')}.`,
    weightsSum: (sum: number) => `веса KPI в сумме должны давать 100, а дают ${sum}.`,
    scaleOrder: () => 'ступени шкалы должны идти по возрастанию «from».',
    kpiUnit: (id: string, unit: string) => `значение KPI «${id}» Salesbook берёт из показателей продаж, в единице ${unit}: укажите unit: ${unit}.`,
    exampleKpisMissing: (ids: string[]) => `в примере нет значений KPI ${list(ids)}: без них доход не посчитать.`,
    exampleTotal: (computed: number, stated: number) =>
      `по формуле схемы доход составляет ${roubles('ru-RU', computed)} ₽, а в примере записано ${roubles('ru-RU', stated)} ₽. Исправьте пример или схему: положение и калькулятор должны совпадать до рубля.`,
    lessonNotListed: (lesson: string) => `урок «${lesson}» лежит в папке курса, но не указан в lessons.`,
    validForNobody: () =>
      'срок действия подтверждения задан, но этот документ никого не просят подтвердить: укажите requiresAck: true или добавьте документ в path.docs должности, либо уберите validForMonths.',
    unreadable: (reason: string) => `файл не читается: ${reason}`,
    noFrontmatter: () => 'в начале файла нет блока метаданных между строками «---».',
    missingFile: () => 'файл не найден.',
    versionFileName: (got: string) =>
      `файл прежней версии называется номером версии, например «1.3.mdx»; а назван «${got}.mdx».`,
    versionFileMismatch: (written: string, name: string) =>
      `в файле указана версия «${written}», а назван он «${name}.mdx». Исправьте одно из двух.`,
    versionNotEarlier: (version: string, current: string) =>
      `здесь хранят только прежние версии, а «${version}» не раньше текущей «${current}». Текущий текст лежит в самом документе.`,
    unsafeMdx: (kind: string, name: string | undefined) =>
      ({
        'too-large': 'текст слишком большой: больше 256 КБ.',
        syntax: 'здесь MDX не разбирается: проверьте угловые скобки и фигурные скобки (комментарий пишется без <!-- -->).',
        'import-export': 'import и export в тексте не допускаются: компоненты Callout, Steps и Say доступны без импорта.',
        expression: 'выражения в фигурных скобках { } не допускаются: в тексте может быть только разметка.',
        'unknown-element': `элемент <${name}> не допускается: можно использовать разметку Markdown и компоненты Callout, Steps и Say.`,
        attribute: `у компонента нет атрибута «${name}».`,
        'attribute-expression': `атрибут «${name}» записан выражением; пишите значение в кавычках.`,
      })[kind] ?? kind,
    kinds: {
      role: 'роли',
      doc: 'документа',
      quiz: 'теста',
      checklist: 'чек-листа',
      course: 'курса',
      lesson: 'урока',
      dialogue: 'диалога',
      motivation: 'схемы мотивации',
      node: 'шага',
      kpi: 'KPI',
    },
    summary: (count: number) => `Контент содержит ошибки (${count}). Пока они не исправлены, портал показывает прежнюю версию.`,
  },
  en: {
    required: () => 'this field is required but empty.',
    expectedText: (got: string) => `this needs text, but it says ${got}.`,
    expectedNumber: (got: string) => `this needs a number, but it says ${got}.`,
    expectedYesNo: (got: string) => `this needs true or false, but it says ${got}.`,
    expectedList: (got: string) => `this needs a list (lines starting with "- "), but it says ${got}.`,
    expectedGroup: (got: string) => `this needs a nested block of fields, but it says ${got}.`,
    expectedDate: (got: string) => `this needs a date such as 2026-03-01, but it says ${got}.`,
    calendarYear: (got: string) => `a year is written as four digits, such as «2027:»; it says «${got}».`,
    calendarOtherYear: (day: string, year: string) => `${day} is not in ${year}: move it to its own year.`,
    calendarNotWeekend: (day: string) => `${day} is not a Saturday or Sunday: workdays lists only weekend days made working days by a transfer.`,
    calendarBoth: (day: string) => `${day} is in both holidays and workdays: keep it in one of the two.`,
    oneOf: (values: readonly unknown[], got: string) => `allowed values are ${list(values)}; it says ${got}.`,
    unknownField: (keys: string[]) => `unknown field ${list(keys)}. Check the spelling: it may be a typo.`,
    tooShortText: () => 'the text cannot be empty.',
    tooFewItems: (min: number) => `the list needs at least ${min}.`,
    tooSmall: (min: number) => `the value must be at least ${min}.`,
    tooBig: (max: number) => `the value must be at most ${max}.`,
    wholeNumber: () => 'this needs a whole number.',
    version: (got: string) => `a version is written like "2.1" in quotes: the version and the revision; it says ${got}.`,
    id: (got: string) => `an id uses lower-case Latin letters, digits and hyphens (such as "crm-entry"); it says ${got}.`,
    docLink: (got: string) => `a document link is written "doc-id" or "doc-id#section"; it says ${got}.`,
    timeZone: (got: string) => `a time zone is written by its IANA name, such as "Europe/Moscow" or "Asia/Yekaterinburg"; it says ${got}.`,
    dialogueNode: () =>
      'a dialogue step either offers the manager answers (options) or ends the conversation (ending and outcome), not both.',
    missing: (kind: string, id: string, known: string[]) =>
      `there is no ${kind} "${id}".` + (known.length ? ` There are: ${known.slice(0, 8).join(', ')}${known.length > 8 ? '…' : ''}.` : ''),
    missingSection: (doc: string, anchor: string) =>
      `document "${doc}" has no section "#${anchor}". A section is a ## or ### heading.`,
    missingImage: (url: string) => `there is no image ${url}: a document's images lie in docs/_media/<document>/ and are shown at /media/docs/<document>/<file>.`,
    duplicateId: (id: string) => `the id "${id}" is used twice: each item needs its own.`,
    noCorrectOption: () => 'no option is marked correct (correct: true).',
    singleNeedsOne: (count: number) => `a single-answer question needs exactly one correct option, but ${count} are marked.`,
    drawTooMany: (draw: number, bank: number) => `it draws ${draw} questions, but the bank has only ${bank}.`,
    minCertifiedNotCritical: () =>
      'a minimum of certified people (minCertified) is set only for a critical skill: add "critical: true" to the item or remove minCertified.',
    unreachableNode: (node: string) => `step "${node}" cannot be reached from the start of the dialogue.`,
    loop: (path: string[]) => `the dialogue can go round in circles: ${path.join(' → ')}. Every path must end.`,
    reportsToLoop: (path: string[]) => `reporting lines form a circle: ${path.join(' → ')}.`,
    weightsSum: (sum: number) => `KPI weights must add up to 100, but they add up to ${sum}.`,
    scaleOrder: () => 'scale steps must go up by "from".',
    kpiUnit: (id: string, unit: string) => `Salesbook takes KPI "${id}" from the sales figures, in the unit ${unit}: set unit: ${unit}.`,
    exampleKpisMissing: (ids: string[]) => `the example has no value for KPI ${list(ids)}: pay cannot be computed without it.`,
    exampleTotal: (computed: number, stated: number) =>
      `the scheme's formula gives ${roubles('en-GB', computed)} ₽, but the example says ${roubles('en-GB', stated)} ₽. Fix the example or the scheme: the statute and the calculator must agree to the rouble.`,
    lessonNotListed: (lesson: string) => `lesson "${lesson}" is in the course folder but not listed in lessons.`,
    validForNobody: () =>
      'a term for confirmations is set, but nobody is asked to confirm this document: add requiresAck: true or put the document in a position’s path.docs, or remove validForMonths.',
    unreadable: (reason: string) => `the file cannot be read: ${reason}`,
    noFrontmatter: () => 'the file does not start with a block of fields between "---" lines.',
    missingFile: () => 'the file is missing.',
    versionFileName: (got: string) => `a file of an earlier version is named by the version, such as "1.3.mdx"; this one is "${got}.mdx".`,
    versionFileMismatch: (written: string, name: string) =>
      `the file says version "${written}" but is named "${name}.mdx". Correct one of them.`,
    versionNotEarlier: (version: string, current: string) =>
      `only earlier versions are kept here, and "${version}" is not earlier than the current "${current}". The current text is the document itself.`,
    unsafeMdx: (kind: string, name: string | undefined) =>
      ({
        'too-large': 'the text is too large: over 256 KB.',
        syntax: 'the MDX does not parse here: check the angle and curly brackets (a comment is not written as <!-- -->).',
        'import-export': 'import and export are not allowed in a text: Callout, Steps and Say are there without an import.',
        expression: 'expressions in curly brackets { } are not allowed: a text holds markup only.',
        'unknown-element': `the element <${name}> is not allowed: use Markdown and the components Callout, Steps and Say.`,
        attribute: `the component has no attribute "${name}".`,
        'attribute-expression': `the attribute "${name}" is written as an expression; write its value in quotes.`,
      })[kind] ?? kind,
    kinds: {
      role: 'role',
      doc: 'document',
      quiz: 'quiz',
      checklist: 'checklist',
      course: 'course',
      lesson: 'lesson',
      dialogue: 'dialogue',
      motivation: 'motivation scheme',
      node: 'step',
      kpi: 'KPI',
    },
    summary: (count: number) => `The content has ${count} mistake(s). Until they are fixed, the portal shows the previous content.`,
  },
} as const;

export type ContentMessages = (typeof contentMessages)['ru'];
