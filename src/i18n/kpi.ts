import type { KpiColumn, KpiIssue } from '../domain/kpi';
import type { RecordedMetric } from '../domain/motivation';

/** KPI import and the effectiveness tracker's words. */
export const kpiRu = {
  'kpi.title': 'Показатели продаж',
  'kpi.intro': 'Загрузите помесячные показатели из CRM: файл CSV со столбцами login, month, revenue, margin, deals, leads, plan; месяц — как 2026-11 или 11.2026, маржа не больше выручки. Сначала Salesbook проверит каждую строку; данные запишутся, только когда вы примените файл без ошибок. Месяц, который уже есть, заменяется.',
  'kpi.metricsTitle': 'Столбцы показателей схем мотивации',
  'kpi.metricsIntro': 'Остальные показатели схем мотивации — отдельные столбцы, в заголовке id показателя. Значение — число в единицах показателя (проценты — как 92 или 92,5). Столбец нужен всем, чья схема этот показатель использует; у остальных ячейку можно оставить пустой.',
  'kpi.metricsComputed': 'Выполнение плана Salesbook считает сам из margin и plan, конверсию — из deals и leads: таких столбцов не нужно.',
  'kpi.metricsNone': 'Схемам мотивации хватает этих столбцов: других показателей в них нет.',
  'kpi.metricColumn': 'Столбец',
  'kpi.metricTitle': 'Показатель',
  'kpi.metricUnit': 'Единица',
  'kpi.metricSchemes': 'Схемы',
  'kpi.file': 'Файл CSV',
  'kpi.check': 'Проверить файл',
  'kpi.apply': 'Применить',
  'kpi.cancel': 'Отменить',
  'kpi.problems': 'Строк с ошибками: {count}. Ничего не записано — исправьте файл и загрузите снова.',
  'kpi.line': 'Строка',
  'kpi.reason': 'Что не так',
  'kpi.preview': 'Файл «{file}» проверен, ошибок нет. Строк: {count}. Проверьте и примените.',
  'kpi.applied': 'Записано строк: {count}. Новых: {added}, заменено месяцев: {replaced}.',
  'kpi.noPending': 'Нет проверенного файла. Загрузите его снова.',
  'kpi.noFile': 'Выберите файл CSV.',
  'kpi.tooBig': 'Файл слишком большой: до 1 МБ.',
  'kpi.login': 'Логин',
  'kpi.month': 'Месяц',
  'kpi.revenue': 'Выручка, ₽',
  'kpi.margin': 'Маржа, ₽',
  'kpi.deals': 'Сделки',
  'kpi.leads': 'Заявки',
  'kpi.plan': 'План по марже, ₽',
  'kpi.issue.header': 'в заголовке нет столбцов {missing}; нужны столбцы login, month, revenue, margin, deals, leads, plan',
  'kpi.issue.unreadable': 'строка не читается: проверьте кавычки и разделители',
  'kpi.issue.unknownLogin': 'нет сотрудника с логином «{login}»',
  'kpi.issue.month': 'месяц «{value}» не распознан: запишите его как 2026-11 или 11.2026',
  'kpi.issue.future': 'месяц {month} ещё не наступил',
  'kpi.issue.number': '{column}: «{value}» — не число',
  'kpi.issue.negative': '{column}: не может быть меньше нуля',
  'kpi.issue.whole': '{column}: нужно целое число',
  'kpi.issue.dealsOverLeads': 'сделок больше, чем заявок',
  'kpi.issue.marginOverRevenue': 'маржа больше выручки, а маржа — это выручка за вычетом себестоимости',
  'kpi.issue.duplicate': '{login} за {month} уже есть в строке {line}',
  'kpi.issue.unknownColumns': 'в заголовке есть столбцы, которых нет ни в одной схеме мотивации: {columns}. Столбцы показателей называются как KPI в схемах: {known}',
  'kpi.issue.unknownColumnsNone': 'в заголовке есть столбцы, которых нет ни в одной схеме мотивации: {columns}. Схемам хватает столбцов login, month, revenue, margin, deals, leads, plan — уберите лишние',
  'kpi.issue.computedColumn': 'столбец {column} не нужен: конверсию Salesbook считает сам из deals и leads — уберите его',
  'kpi.issue.unknownMetric': 'показателя {metric} нет ни в одной схеме мотивации; есть: {known}',
  'kpi.issue.metricNumber': '{metric}: «{value}» — не число {unit}',
  'kpi.issue.metricWhole': '{metric}: нужно целое неотрицательное число',
  'kpi.issue.metricMissing': 'у {login} нет показателя {metric}: без него премию по схеме мотивации не посчитать — заполните столбец {column}',
  'kpi.metric': '«{title}» ({id})',
  'kpi.metric.netProfit': 'чистая прибыль (netProfit)',
  'kpi.unit.percent': 'в процентах, например 92 или 92,5',
  'kpi.unit.count': 'в штуках',
  'kpi.unit.rub': 'в рублях',
  'kpi.unitName.percent': '%',
  'kpi.unitName.count': 'шт.',
  'kpi.unitName.rub': '₽',
  'kpi.issue.empty': 'в файле нет ни одной строки с данными',
  'kpi.column.login': 'логин',
  'kpi.column.month': 'месяц',
  'kpi.column.revenue': 'выручка',
  'kpi.column.margin': 'маржа',
  'kpi.column.deals': 'сделки',
  'kpi.column.leads': 'заявки',
  'kpi.column.plan': 'план по марже',
  'chart.table': 'Данные графика таблицей',
  'chart.noData': 'нет данных',
  'chart.noDataShort': 'н/д',
} as const;

export const kpiEn: Record<keyof typeof kpiRu, string> = {
  'kpi.title': 'Sales figures',
  'kpi.intro': 'Upload monthly figures from the CRM: a CSV file with the columns login, month, revenue, margin, deals, leads, plan; the month as 2026-11 or 11.2026, the margin no more than revenue. Salesbook checks every line first; nothing is written until you apply a file with no bad lines. A month already on record is replaced.',
  'kpi.metricsTitle': 'Columns of the bonus schemes’ figures',
  'kpi.metricsIntro': 'The other figures of the bonus schemes are columns of their own, headed by the KPI’s id. A value is a number in the KPI’s unit (percent as 92 or 92.5). Everyone whose scheme uses a figure needs it; for the others the cell may stay empty.',
  'kpi.metricsComputed': 'Salesbook works out plan fulfilment from margin and plan, and conversion from deals and leads: no columns are needed for them.',
  'kpi.metricsNone': 'These columns are all the bonus schemes need: they use no other figures.',
  'kpi.metricColumn': 'Column',
  'kpi.metricTitle': 'Figure',
  'kpi.metricUnit': 'Unit',
  'kpi.metricSchemes': 'Schemes',
  'kpi.file': 'CSV file',
  'kpi.check': 'Check the file',
  'kpi.apply': 'Apply',
  'kpi.cancel': 'Cancel',
  'kpi.problems': 'Lines with mistakes: {count}. Nothing was written: fix the file and upload it again.',
  'kpi.line': 'Line',
  'kpi.reason': 'What is wrong',
  'kpi.preview': 'File "{file}" checked, no mistakes. Lines: {count}. Review and apply.',
  'kpi.applied': 'Lines written: {count}. New: {added}, months replaced: {replaced}.',
  'kpi.noPending': 'There is no checked file. Upload it again.',
  'kpi.noFile': 'Choose a CSV file.',
  'kpi.tooBig': 'The file is too large: 1 MB at most.',
  'kpi.login': 'Login',
  'kpi.month': 'Month',
  'kpi.revenue': 'Revenue, ₽',
  'kpi.margin': 'Margin, ₽',
  'kpi.deals': 'Deals',
  'kpi.leads': 'Leads',
  'kpi.plan': 'Margin plan, ₽',
  'kpi.issue.header': 'the header lacks the columns {missing}; the columns are login, month, revenue, margin, deals, leads, plan',
  'kpi.issue.unreadable': 'the line cannot be read: check its quotes and separators',
  'kpi.issue.unknownLogin': 'there is no person with the login “{login}”',
  'kpi.issue.month': 'month “{value}” is not understood: write it as 2026-11 or 11.2026',
  'kpi.issue.future': 'month {month} has not come yet',
  'kpi.issue.number': '{column}: “{value}” is not a number',
  'kpi.issue.negative': '{column}: cannot be below zero',
  'kpi.issue.whole': '{column}: must be a whole number',
  'kpi.issue.dealsOverLeads': 'more deals than leads',
  'kpi.issue.marginOverRevenue': 'the margin is above revenue, and the margin is revenue less the cost of goods',
  'kpi.issue.duplicate': '{login} for {month} is already on line {line}',
  'kpi.issue.unknownColumns': 'the header has columns that no bonus scheme uses: {columns}. Columns of figures are named as the schemes’ KPIs: {known}',
  'kpi.issue.unknownColumnsNone': 'the header has columns that no bonus scheme uses: {columns}. The schemes need only login, month, revenue, margin, deals, leads, plan: remove the others',
  'kpi.issue.computedColumn': 'the column {column} is not needed: Salesbook works out conversion from deals and leads; remove it',
  'kpi.issue.unknownMetric': 'no bonus scheme uses the figure {metric}; they use: {known}',
  'kpi.issue.metricNumber': '{metric}: “{value}” is not a number {unit}',
  'kpi.issue.metricWhole': '{metric}: must be a whole number, not below zero',
  'kpi.issue.metricMissing': '{login} has no {metric}: their bonus scheme cannot be computed without it; fill in the column {column}',
  'kpi.metric': '“{title}” ({id})',
  'kpi.metric.netProfit': 'net profit (netProfit)',
  'kpi.unit.percent': 'in percent, such as 92 or 92.5',
  'kpi.unit.count': 'of pieces',
  'kpi.unit.rub': 'in roubles',
  'kpi.unitName.percent': '%',
  'kpi.unitName.count': 'pcs',
  'kpi.unitName.rub': '₽',
  'kpi.issue.empty': 'the file has no data lines',
  'kpi.column.login': 'login',
  'kpi.column.month': 'month',
  'kpi.column.revenue': 'revenue',
  'kpi.column.margin': 'margin',
  'kpi.column.deals': 'deals',
  'kpi.column.leads': 'leads',
  'kpi.column.plan': 'margin plan',
  'chart.table': 'The chart data as a table',
  'chart.noData': 'no data',
  'chart.noDataShort': 'n/a',
};

export type KpiMessageKey = keyof typeof kpiRu;

/** A figure of a scheme as a reason names it: its title from the scheme and its id, the column it is read from. */
export function metricText(t: (key: KpiMessageKey, values?: Record<string, string | number>) => string, metric: RecordedMetric): string {
  return metric.title === null ? t('kpi.metric.netProfit') : t('kpi.metric', { title: metric.title, id: metric.id });
}

/** A bad line's reasons as one sentence, every word in the interface's language (a scheme's KPI titles are the content's). */
export function kpiIssuesText(t: (key: KpiMessageKey, values?: Record<string, string | number>) => string, issues: readonly KpiIssue[]): string {
  const column = (name: KpiColumn) => t(`kpi.column.${name}`);
  return issues
    .map((issue) => {
      switch (issue.code) {
        case 'header':
          return t('kpi.issue.header', { missing: issue.missing.join(', ') });
        case 'unknownColumns':
          return issue.known.length > 0
            ? t('kpi.issue.unknownColumns', { columns: issue.columns.join(', '), known: issue.known.join(', ') })
            : t('kpi.issue.unknownColumnsNone', { columns: issue.columns.join(', ') });
        case 'computedColumn':
          return t('kpi.issue.computedColumn', { column: issue.column });
        case 'unknownMetric':
          return t('kpi.issue.unknownMetric', { metric: issue.metric, known: issue.known.join(', ') });
        case 'metricNumber':
          return t('kpi.issue.metricNumber', { metric: metricText(t, issue.metric), value: issue.value, unit: t(`kpi.unit.${issue.metric.unit}`) });
        case 'metricWhole':
          return t('kpi.issue.metricWhole', { metric: metricText(t, issue.metric) });
        case 'metricMissing':
          return t('kpi.issue.metricMissing', { login: issue.login, metric: metricText(t, issue.metric), column: issue.metric.id });
        case 'number':
          return t('kpi.issue.number', { column: column(issue.column), value: issue.value });
        case 'negative':
        case 'whole':
          return t(`kpi.issue.${issue.code}`, { column: column(issue.column) });
        case 'unknownLogin':
          return t('kpi.issue.unknownLogin', { login: issue.login });
        case 'month':
          return t('kpi.issue.month', { value: issue.value });
        case 'future':
          return t('kpi.issue.future', { month: issue.month });
        case 'duplicate':
          return t('kpi.issue.duplicate', { login: issue.login, month: issue.month, line: String(issue.line) });
        default:
          return t(`kpi.issue.${issue.code}`);
      }
    })
    .join('; ');
}
