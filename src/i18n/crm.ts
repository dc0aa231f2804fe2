import type { CrmFailure, CrmIssue, CrmKind, MetricSource } from '../domain/crm';

/** Sales figures pulled from a CRM: the page, its forms, and why a month was not written. */
export const crmRu = {
  'crm.title': 'Показатели из CRM',
  'crm.intro': 'Salesbook берёт из CRM показатели каждого сотрудника за месяц: выигранные сделки и их сумму, маржу из поля сделки, лиды, созданные за месяц, и показатели схем мотивации. Сопоставьте пользователей CRM с сотрудниками, укажите поля и загрузите месяц: Salesbook проверит его так же, как файл CSV, и запишет, только когда вы примените.',
  'crm.fromCrm': 'Загрузить из CRM (Битрикс24, amoCRM)',
  'crm.fromFile': 'Загрузить из файла CSV',
  'crm.name.bitrix24': 'Битрикс24',
  'crm.name.amocrm': 'amoCRM',
  'crm.choose': 'CRM',
  'crm.notSetUp': 'CRM не подключена. Администратор портала подключает Битрикс24 адресом входящего вебхука (переменная SALESBOOK_BITRIX24_WEBHOOK_URL) или amoCRM адресом и долгосрочным токеном (SALESBOOK_AMOCRM_URL и SALESBOOK_AMOCRM_TOKEN); как это сделать, сказано в руководстве по эксплуатации.',
  'crm.unknownCrm': 'Эта CRM не подключена к порталу.',
  'crm.pull.title': 'Загрузить месяц',
  'crm.pull.month': 'Месяц',
  'crm.pull.button': 'Загрузить из {crm}',
  'crm.pull.badMonth': 'Выберите месяц, который уже наступил.',
  'crm.pull.preview': '{crm}, {month}: ошибок нет. Сотрудников: {count}. Проверьте и примените.',
  'crm.pull.refused': '{crm}, {month}: месяц не загружен, ничего не записано. Исправьте то, что перечислено ниже, и загрузите месяц снова.',
  'crm.pull.problems': 'Сотрудников с ошибками: {count}. Ничего не записано.',
  'crm.pull.applied': 'Записано сотрудников: {count}. Новых месяцев: {added}, заменено: {replaced}.',
  'crm.pull.noPending': 'Нет проверенной загрузки. Загрузите месяц снова.',
  'crm.pull.apply': 'Применить',
  'crm.pull.cancel': 'Отменить',
  'crm.pull.person': 'Сотрудник',
  'crm.failure.unreachable': '{crm} не отвечает ({detail}). Проверьте адрес в настройках портала и доступ сервера к CRM.',
  'crm.failure.timeout': '{crm} не ответила вовремя ({detail}). Попробуйте позже.',
  'crm.failure.refused.bitrix24': 'Битрикс24 не принял вебхук ({detail}). Проверьте, что входящий вебхук не удалён и у него есть права на CRM и пользователей, и при необходимости выпустите новый.',
  'crm.failure.refused.amocrm': 'amoCRM отклонила токен ({detail}). Выпустите новый долгосрочный токен в интеграции amoCRM и передайте его администратору портала.',
  'crm.failure.rateLimited': '{crm} отвечает, что запросов слишком много, и после нескольких повторов тоже. Попробуйте через несколько минут.',
  'crm.failure.answer': '{crm} ответила не так, как ожидалось ({detail}).',
  'crm.issue.noMarginField': 'не указано поле с маржой сделки: задайте его в разделе «Поля»',
  'crm.issue.unknownKpi': 'показателя «{kpi}» нет ни в одной схеме мотивации: уберите его в разделе «Поля»',
  'crm.issue.unknownField': '{what}: поля {field} нет среди полей сделки в CRM — проверьте код поля в разделе «Поля»',
  'crm.issue.unmappedUser': 'пользователь CRM «{name}» (id {id}) не сопоставлен с сотрудником, а за месяц у него сделок: {deals}, лидов: {leads}, счетов: {invoices}. Выберите сотрудника или «Не в Salesbook» в разделе «Сотрудники в CRM»',
  'crm.issue.noValue': 'у выигранных сделок {deals} нет маржи в поле {field} — заполните её в CRM',
  'crm.issue.currency': 'сделки {deals} в валюте {currency}, а Salesbook считает в рублях — переведите их в рубли в CRM',
  'crm.issue.empty': 'за {month} нет ни сделок, ни сопоставленных сотрудников',
  'crm.issue.more': '{list} и ещё {count}',
  'crm.issue.margin': 'маржа',
  'crm.users.title': 'Сотрудники в CRM',
  'crm.users.intro': 'Чьи сделки чьи: выберите для каждого пользователя CRM сотрудника Salesbook. Тем, кого в Salesbook нет (директору, интеграциям), выберите «Не в Salesbook» — их сделки не учитываются. Пользователь без выбора останавливает загрузку месяца, если у него есть сделки, лиды или счета.',
  'crm.users.crmUser': 'Пользователь CRM',
  'crm.users.person': 'Сотрудник Salesbook',
  'crm.users.none': '— не сопоставлен —',
  'crm.users.skip': 'Не в Salesbook (не учитывать)',
  'crm.users.inactive': 'уволен в CRM',
  'crm.users.suggested': 'предложено по имени — сохраните, если верно',
  'crm.users.save': 'Сохранить сопоставление',
  'crm.users.saved': 'Сопоставление сохранено. Сотрудников: {linked}, не в Salesbook: {skipped}.',
  'crm.users.unreadable': 'Список пользователей CRM не получен. {reason} Ниже — сохранённые сопоставления.',
  'crm.users.empty': 'Пользователей CRM пока нет.',
  'crm.users.badPerson': 'Такого сотрудника нет. Обновите страницу и выберите снова.',
  'crm.fields.title': 'Поля',
  'crm.fields.intro.bitrix24': 'Код поля сделки — как UF_CRM_1700000000: его показывает Битрикс24 в настройках пользовательских полей CRM. Маржа — обязательное поле.',
  'crm.fields.intro.amocrm': 'Номер поля сделки — как 1234567: его показывает amoCRM в настройках полей сделки. Маржа — обязательное поле.',
  'crm.fields.margin': 'Маржа сделки, ₽: поле',
  'crm.fields.kpi': 'Показатель схемы мотивации',
  'crm.fields.source': 'Откуда брать',
  'crm.fields.field': 'Поле сделки',
  'crm.fields.fieldOf': 'Поле сделки для «{kpi}»',
  'crm.fields.averaged': 'Показатель в процентах — среднее по выигранным сделкам сотрудника; в рублях и штуках — сумма.',
  'crm.fields.noKpis': 'В схемах мотивации нет показателей, которые берутся из CRM: выполнение плана и конверсию Salesbook считает сам.',
  'crm.fields.save': 'Сохранить поля',
  'crm.fields.saved': 'Поля сохранены.',
  'crm.fields.badMargin': 'Укажите поле с маржой сделки, например {example}.',
  'crm.fields.badField': '«{kpi}»: укажите поле сделки, например {example}.',
  'crm.fields.badSource': '«{kpi}»: в {crm} этого источника нет.',
  'crm.fields.badKpi': 'Показателя «{kpi}» нет в схемах мотивации. Обновите страницу.',
  'crm.source.none': 'не загружать',
  'crm.source.field': 'из поля сделки',
  'crm.source.invoicesPaidOnTime': 'доля счетов, оплаченных в срок',
  'crm.source.leadsConverted': 'доля лидов, сконвертированных в сделки',
  'crm.schedule.title': 'По расписанию',
  'crm.schedule.on': 'Каждый месяц {day}-го числа в {time} ({zone}) Salesbook сам загружает прошлый месяц и записывает его, если ошибок нет; если есть, месяц ждёт, пока вы загрузите его здесь.',
  'crm.schedule.off': 'Не включено. Администратор портала включает загрузку по расписанию переменной SALESBOOK_CRM_PULL_AT, например «5 07:00».',
  'crm.pulls.title': 'Последние загрузки',
  'crm.pulls.none': 'Загрузок ещё не было.',
  'crm.pulls.month': 'Месяц',
  'crm.pulls.at': 'Когда',
  'crm.pulls.by': 'Как',
  'crm.pulls.outcome': 'Итог',
  'crm.pulls.head': 'вручную',
  'crm.pulls.schedule': 'по расписанию',
  'crm.pulls.applied': 'записано сотрудников: {rows}',
  'crm.pulls.refused': 'не записано, ошибок: {problems}',
  'crm.pulls.failed': 'CRM недоступна: {failure}',
  'crm.failureShort.unreachable': 'нет связи',
  'crm.failureShort.timeout': 'нет ответа',
  'crm.failureShort.refused': 'доступ отклонён',
  'crm.failureShort.rateLimited': 'слишком много запросов',
  'crm.failureShort.answer': 'непонятный ответ',
} as const;

export const crmEn: Record<keyof typeof crmRu, string> = {
  'crm.title': 'Figures from the CRM',
  'crm.intro': 'Salesbook takes each person’s figures for a month from the CRM: the deals won and their amount, the margin from a deal field, the leads created in the month, and the KPIs of the motivation schemes. Map the CRM’s users to people, set the fields and pull a month: Salesbook checks it as it checks a CSV file, and writes it only when you apply it.',
  'crm.fromCrm': 'Pull from the CRM (Bitrix24, amoCRM)',
  'crm.fromFile': 'Upload a CSV file',
  'crm.name.bitrix24': 'Bitrix24',
  'crm.name.amocrm': 'amoCRM',
  'crm.choose': 'CRM',
  'crm.notSetUp': 'No CRM is connected. The portal’s administrator connects Bitrix24 with the address of an incoming webhook (SALESBOOK_BITRIX24_WEBHOOK_URL), or amoCRM with the account’s address and a long-lived token (SALESBOOK_AMOCRM_URL and SALESBOOK_AMOCRM_TOKEN); the operations guide says how.',
  'crm.unknownCrm': 'This CRM is not connected to the portal.',
  'crm.pull.title': 'Pull a month',
  'crm.pull.month': 'Month',
  'crm.pull.button': 'Pull from {crm}',
  'crm.pull.badMonth': 'Choose a month that has begun.',
  'crm.pull.preview': '{crm}, {month}: no mistakes. People: {count}. Review and apply.',
  'crm.pull.refused': '{crm}, {month}: the month was not pulled and nothing was written. Correct what is listed below and pull the month again.',
  'crm.pull.problems': 'People with mistakes: {count}. Nothing was written.',
  'crm.pull.applied': 'People written: {count}. New months: {added}, replaced: {replaced}.',
  'crm.pull.noPending': 'There is no checked pull. Pull the month again.',
  'crm.pull.apply': 'Apply',
  'crm.pull.cancel': 'Cancel',
  'crm.pull.person': 'Person',
  'crm.failure.unreachable': '{crm} does not answer ({detail}). Check its address in the portal’s settings and that the server can reach the CRM.',
  'crm.failure.timeout': '{crm} did not answer in time ({detail}). Try again later.',
  'crm.failure.refused.bitrix24': 'Bitrix24 did not accept the webhook ({detail}). Check that the incoming webhook still exists and may read the CRM and users, and make a new one if need be.',
  'crm.failure.refused.amocrm': 'amoCRM refused the token ({detail}). Make a new long-lived token in the amoCRM integration and give it to the portal’s administrator.',
  'crm.failure.rateLimited': '{crm} answers that too many requests came, and still did after several tries. Try again in a few minutes.',
  'crm.failure.answer': '{crm} answered in a way Salesbook did not expect ({detail}).',
  'crm.issue.noMarginField': 'no deal field holds the margin: set it under “Fields”',
  'crm.issue.unknownKpi': 'no motivation scheme has the KPI “{kpi}”: remove it under “Fields”',
  'crm.issue.unknownField': '{what}: the CRM’s deals have no field {field}; check the field’s code under “Fields”',
  'crm.issue.unmappedUser': 'the CRM user “{name}” (id {id}) is not mapped to a person, and has deals: {deals}, leads: {leads}, invoices: {invoices} in the month. Choose a person, or “Not in Salesbook”, under “People in the CRM”',
  'crm.issue.noValue': 'the won deals {deals} have no margin in the field {field}; fill it in the CRM',
  'crm.issue.currency': 'the deals {deals} are in {currency}, and Salesbook counts in roubles; convert them to roubles in the CRM',
  'crm.issue.empty': 'there are neither deals nor mapped people for {month}',
  'crm.issue.more': '{list} and {count} more',
  'crm.issue.margin': 'margin',
  'crm.users.title': 'People in the CRM',
  'crm.users.intro': 'Whose deals are whose: choose a Salesbook person for each CRM user. For those who are not in Salesbook (the director, integrations), choose “Not in Salesbook”: their deals are left out. A user with no choice stops a month’s pull when they have deals, leads or invoices in it.',
  'crm.users.crmUser': 'CRM user',
  'crm.users.person': 'Salesbook person',
  'crm.users.none': '— not mapped —',
  'crm.users.skip': 'Not in Salesbook (leave out)',
  'crm.users.inactive': 'dismissed in the CRM',
  'crm.users.suggested': 'suggested by the name: save it if it is right',
  'crm.users.save': 'Save the mapping',
  'crm.users.saved': 'The mapping is saved. People: {linked}, not in Salesbook: {skipped}.',
  'crm.users.unreadable': 'The CRM’s users could not be read. {reason} Below are the mappings saved.',
  'crm.users.empty': 'The CRM has no users yet.',
  'crm.users.badPerson': 'There is no such person. Reload the page and choose again.',
  'crm.fields.title': 'Fields',
  'crm.fields.intro.bitrix24': 'A deal field’s code, such as UF_CRM_1700000000, as Bitrix24 shows it in the settings of the CRM’s custom fields. The margin is required.',
  'crm.fields.intro.amocrm': 'A deal field’s number, such as 1234567, as amoCRM shows it in the settings of the deal fields. The margin is required.',
  'crm.fields.margin': 'Deal margin, ₽: field',
  'crm.fields.kpi': 'KPI of a motivation scheme',
  'crm.fields.source': 'Taken from',
  'crm.fields.field': 'Deal field',
  'crm.fields.fieldOf': 'Deal field for “{kpi}”',
  'crm.fields.averaged': 'A KPI in percent is the average over the person’s deals won; in roubles and counts, the sum.',
  'crm.fields.noKpis': 'The motivation schemes have no KPIs taken from a CRM: Salesbook works out plan fulfilment and conversion itself.',
  'crm.fields.save': 'Save the fields',
  'crm.fields.saved': 'The fields are saved.',
  'crm.fields.badMargin': 'Give the deal field that holds the margin, such as {example}.',
  'crm.fields.badField': '“{kpi}”: give a deal field, such as {example}.',
  'crm.fields.badSource': '“{kpi}”: {crm} has no such source.',
  'crm.fields.badKpi': 'The motivation schemes have no KPI “{kpi}”. Reload the page.',
  'crm.source.none': 'not pulled',
  'crm.source.field': 'a deal field',
  'crm.source.invoicesPaidOnTime': 'share of invoices paid on time',
  'crm.source.leadsConverted': 'share of leads converted to deals',
  'crm.schedule.title': 'On a schedule',
  'crm.schedule.on': 'Every month on day {day} at {time} ({zone}) Salesbook pulls the month before and writes it when it has no mistakes; when it has, the month waits for you to pull it here.',
  'crm.schedule.off': 'Not turned on. The portal’s administrator turns on scheduled pulls with SALESBOOK_CRM_PULL_AT, such as “5 07:00”.',
  'crm.pulls.title': 'Latest pulls',
  'crm.pulls.none': 'Nothing was pulled yet.',
  'crm.pulls.month': 'Month',
  'crm.pulls.at': 'When',
  'crm.pulls.by': 'How',
  'crm.pulls.outcome': 'Outcome',
  'crm.pulls.head': 'by hand',
  'crm.pulls.schedule': 'on schedule',
  'crm.pulls.applied': 'people written: {rows}',
  'crm.pulls.refused': 'not written, mistakes: {problems}',
  'crm.pulls.failed': 'CRM unavailable: {failure}',
  'crm.failureShort.unreachable': 'no connection',
  'crm.failureShort.timeout': 'no answer',
  'crm.failureShort.refused': 'access refused',
  'crm.failureShort.rateLimited': 'too many requests',
  'crm.failureShort.answer': 'unexpected answer',
};

export type CrmMessageKey = keyof typeof crmRu;
type T = (key: CrmMessageKey, values?: Record<string, string | number>) => string;

/** Deal ids as a message names them: the first few, and how many more. */
function dealList(t: T, deals: readonly string[], count: number): string {
  const list = deals.join(', ');
  return count > deals.length ? t('crm.issue.more', { list, count: count - deals.length }) : list;
}

/** Why a CRM's month was not written, one sentence per issue, in the interface's language. `kpiTitle` names a KPI as its scheme does. */
export function crmIssueText(t: T, issue: CrmIssue, kpiTitle: (kpi: string) => string): string {
  switch (issue.code) {
    case 'noMarginField':
      return t('crm.issue.noMarginField');
    case 'unknownKpi':
      return t('crm.issue.unknownKpi', { kpi: issue.kpi });
    case 'unknownField':
      return t('crm.issue.unknownField', { what: issue.kpi === 'margin' ? t('crm.issue.margin') : kpiTitle(issue.kpi), field: issue.field });
    case 'unmappedUser':
      return t('crm.issue.unmappedUser', { name: issue.name || issue.crmUserId, id: issue.crmUserId, deals: issue.deals, leads: issue.leads, invoices: issue.invoices });
    case 'noValue':
      return t('crm.issue.noValue', { deals: dealList(t, issue.deals, issue.count), field: issue.field });
    case 'currency':
      return t('crm.issue.currency', { deals: dealList(t, issue.deals, issue.count), currency: issue.currency });
    case 'empty':
      return t('crm.issue.empty', { month: issue.month });
  }
}

/** Why a CRM could not be asked, as a sentence for the head. */
export function crmFailureText(t: T, crm: CrmKind, failure: CrmFailure, detail: string): string {
  const name = t(`crm.name.${crm}`);
  return failure === 'refused' ? t(`crm.failure.refused.${crm}`, { detail }) : t(`crm.failure.${failure}`, { crm: name, detail });
}

export const sourceKey = (source: MetricSource): CrmMessageKey => `crm.source.${source}`;
