import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { monthOf } from '../clock';
import { serverClock } from './clock';
import { signIn } from './session';

// mentor1 and mentor2 are managers, whose position has the fixture's bonus scheme (plan, conversion
// and receivables paid on time); the trainees' position has none. Two months ago is the month paid here.
const month = monthOf(serverClock.now(), -2);
const monthName = new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
const header = 'login;month;revenue;margin;deals;leads;plan;Receivables\n';
const mentor1 = `mentor1;${month};2 400 000;600 000;5;20;500 000;92,5\n`;

test.describe.configure({ mode: 'serial' });

test('a head imports a month with the schemes’ figures, reviews, adjusts and approves the statements, and exports them for payroll', async ({ page }) => {
  await signIn(page, 'head');
  await page.goto('/admin/kpi/');
  await expect(page.getByTestId('kpi-metric-columns').getByRole('row', { name: /receivables/ })).toContainText('Дебиторка, оплаченная в срок');

  // A person whose scheme needs a figure the file lacks for them is named, and nothing is written.
  await page.getByLabel('Файл CSV').setInputFiles({ name: 'month.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}${mentor1}mentor2;${month};1 600 000;400 000;4;25;400 000;\n`) });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(page.getByRole('alert')).toContainText('Строк с ошибками: 1. Ничего не записано');
  await expect(page.getByRole('row', { name: /^3 / })).toContainText('у mentor2 нет показателя «Дебиторка, оплаченная в срок» (receivables)');
  await expect(page.getByRole('button', { name: 'Применить' })).toHaveCount(0);

  await page.getByLabel('Файл CSV').setInputFiles({ name: 'month.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}${mentor1}mentor2;${month};1 600 000;400 000;4;25;400 000;55\n`) });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  const preview = page.getByTestId('kpi-preview');
  await expect(preview.getByRole('columnheader', { name: 'receivables, %' })).toBeVisible();
  await expect(preview.getByRole('row', { name: /^2 mentor1/ })).toContainText('92,5');
  await page.getByRole('button', { name: 'Применить' }).click();
  await expect(page.getByRole('status')).toContainText('Записано строк: 2. Новых: 0, заменено месяцев: 2.');

  // The month's statements, computed from the figures just imported.
  await page.getByRole('navigation', { name: 'Управление' }).getByRole('link', { name: 'Зарплата' }).click();
  await page.getByTestId('pay-months').getByRole('link', { name: monthName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Зарплата за ${monthName}`);
  const table = page.getByTestId('pay-month');
  await expect(table.getByRole('row', { name: /Дмитрий Орлов/ })).toContainText('118 400 ₽');
  await expect(table.getByRole('row', { name: /Елена Кузнецова/ })).toContainText('69 600 ₽');
  await expect(table.getByRole('row', { name: /Елена Кузнецова/ })).toContainText('Ждёт утверждения');
  // Trainees have no scheme, and so no statement.
  await expect(table.getByRole('row', { name: /Алексей Смирнов/ })).toHaveCount(0);
  const elena = page.locator('[data-testid="pay-person"][data-login="mentor2"]');
  await expect(elena.getByTestId('statement-lines')).toContainText('Если в срок оплачено меньше 60 % дебиторки, премия уменьшается на 30 %. Снижение на 30 %: 28 000 × 30 / 100 = 8 400 ₽');
  await expect(elena.getByTestId('statement-lines')).toContainText('Доход: 50 000 + 19 600 = 69 600 ₽.');
  await expectNoSeriousA11yViolations(page);

  // An adjustment with its reason, then the month approved as shown.
  await elena.getByLabel('Сумма, ₽').fill('5 000');
  await elena.getByLabel('Причина').fill('Премия за крупный тендер');
  await elena.getByRole('button', { name: 'Добавить' }).click();
  await expect(page.getByRole('status')).toContainText('Корректировка +5 000 ₽ добавлена.');
  await expect(elena.getByTestId('statement-total')).toHaveText('К начислению: 74 600 ₽.');
  await page.screenshot({ path: 'test-results/pay-month-review.png', fullPage: true });
  await page.getByRole('button', { name: 'Утвердить готовые расчёты (2)' }).click();
  await expect(page.getByRole('status')).toContainText('Утверждено расчётов: 2.');
  await expect(table.getByRole('row', { name: /Елена Кузнецова/ })).toContainText('Утверждён');
  await expect(page.getByTestId('pay-summary')).toContainText('Утверждено: 2 из 2.');
  // Approved: nothing waits, and an adjustment now takes a correction with its reason.
  await expect(page.getByRole('button', { name: /Утвердить готовые расчёты/ })).toHaveCount(0);
  await expect(elena.getByRole('group', { name: 'Исправить утверждённый расчёт' })).toBeVisible();

  // The payroll file, as 1C imports it.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Выгрузить для 1С (CSV)' }).click();
  const file = readFileSync((await (await download).path())!);
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = file.toString('utf8').slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('"Сотрудник";"Логин";"Должность";"Период";"Оклад";"Премия";"Корректировка";"Итого к начислению";"Редакция";"Утверждено"');
  const period = `01.${month.slice(5)}.${month.slice(0, 4)}`;
  expect(lines.slice(1).map((l) => l.split(';').slice(0, 9).join(';'))).toEqual([
    `"Дмитрий Орлов";"mentor1";"Менеджер по продажам";"${period}";50000,00;68400,00;0,00;118400,00;1`,
    `"Елена Кузнецова";"mentor2";"Менеджер по продажам";"${period}";50000,00;19600,00;5000,00;74600,00;1`,
  ]);

  // The printable payroll: both approved statements and their sum.
  await page.getByRole('link', { name: 'Ведомость для печати' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Расчётная ведомость за ${monthName}`);
  const register = page.getByTestId('register');
  await expect(register.getByRole('row', { name: /Елена Кузнецова/ })).toContainText('74 600 ₽');
  await expect(register.getByRole('row', { name: /Итого/ })).toContainText('193 000 ₽');
  await expectNoSeriousA11yViolations(page);
});

test('a manager reads their own statement, and the calculator with the same figures gives the same pay', async ({ page }) => {
  await signIn(page, 'mentor2');
  await page.goto('/?path');
  await page.getByTestId('path-mine').getByRole('link', { name: 'Мои расчёты зарплаты' }).click();
  await page.getByTestId('my-pay').getByRole('link', { name: monthName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Расчёт зарплаты за ${monthName}: Елена Кузнецова`);
  await expect(page.getByTestId('statement-state')).toContainText('Утвердил(а) Ирина Соколова');
  await expect(page.getByTestId('statement-adjustment')).toContainText('Корректировка +5 000 ₽: Премия за крупный тендер');
  await expect(page.getByTestId('statement-total')).toHaveText('К начислению: 74 600 ₽.');
  const statementLines = await page.getByTestId('statement-lines').locator('li').allInnerTexts();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/pay-own-statement.png', fullPage: true });

  await page.getByRole('link', { name: 'Проверить в калькуляторе с теми же цифрами' }).click();
  await expect(page).toHaveURL(/\/docs\/motivation-statute\/\?scheme=manager-scheme&.*#calculator$/);
  await expect(page.getByTestId('calc-given')).toBeVisible();
  await expect(page.getByTestId('pay-total')).toHaveText('Доход за месяц: 69 600 ₽');
  // Line by line, the calculator says what the statement says, before the adjustment.
  const calculatorLines = await page.getByTestId('pay-explanation').locator('li').allInnerTexts();
  expect(statementLines.slice(0, calculatorLines.length)).toEqual(calculatorLines);

  // Someone else's pay is a page that does not exist.
  for (const path of [`/team/mentor1/pay/${month}/`, '/team/mentor1/pay/', `/admin/pay/${month}/`]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});

test('a head reads the department’s sales by month and by person from the same figures, for a period they choose', async ({ page }) => {
  await signIn(page, 'head');
  await page.goto('/team/');
  await page.getByRole('navigation', { name: 'Разделы команды' }).getByRole('link', { name: 'Продажи отдела' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Продажи отдела');
  // The last twelve whole months by default, with a chart and its table for each figure.
  await expect(page.getByTestId('sales-by-month').locator('tbody tr')).toHaveCount(12);
  await expect(page.getByRole('img', { name: /Выполнение плана по марже/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Дебиторка, оплаченная в срок, среднее/ })).toBeVisible();

  await page.getByLabel('Первый месяц', { exact: true }).fill(month);
  await page.getByLabel('Последний месяц', { exact: true }).fill(month);
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page).toHaveURL(new RegExp(`\\?from=${month}&to=${month}$`));
  await expect(page.getByTestId('sales-by-month').locator('tbody tr')).toHaveCount(1);
  const people = page.getByTestId('sales-by-person');
  await expect(people.locator('tr[data-login="mentor1"]')).toContainText('600 000 ₽');
  await expect(people.locator('tr[data-login="mentor1"]')).toContainText('120 %');
  await expect(people.locator('tr[data-login="mentor1"]')).toContainText('92,5 %');
  await expect(people.locator('tr[data-login="mentor2"]')).toContainText('100 %');
  await expect(people.locator('tr[data-login="mentor2"]')).toContainText('55 %');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/team-sales.png', fullPage: true });

  // A period backwards is refused with the reason, and the last twelve months are shown instead.
  await page.goto(`/team/sales/?from=${month}&to=${monthOf(serverClock.now(), -3)}`);
  await expect(page.getByRole('alert')).toHaveText('Начало периода позже конца. Показаны последние 12 месяцев.');
  await expect(page.getByTestId('sales-by-month').locator('tbody tr')).toHaveCount(12);

  // The department's figures are the heads'.
  await page.context().clearCookies();
  await signIn(page, 'mentor1');
  expect((await page.goto('/team/sales/'))?.status()).toBe(404);
});
