import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { EXPECTED, MARGIN_FIELD, MENTOR1_RECEIVABLES, RECEIVABLES_FIELD } from './bitrix24-company';
import { serverClock } from './clock';
import { signIn } from './session';
import { fixtureSite } from '../fixture-site';
import { previousMonth } from '../../src/domain/crm';

/** An amount as the Russian interface writes it: 1 440 000 with any kind of space. */
const amount = (value: number) => new RegExp(value.toLocaleString('ru-RU').replace(/\s/g, '\\s'));

test.describe.configure({ mode: 'serial' });

test('a head maps the CRM users and the margin field, pulls last month from Bitrix24, sees the preview and applies it', async ({ page }) => {
  const month = previousMonth(serverClock.now().getTime(), fixtureSite.timeZone);
  await signIn(page, 'head');
  await page.goto('/admin/kpi/');
  await page.getByRole('link', { name: 'Загрузить из CRM (Битрикс24, amoCRM)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Показатели из CRM' })).toBeVisible();
  await expect(page.getByLabel('Месяц', { exact: true })).toHaveValue(month);
  await expectNoSeriousA11yViolations(page);

  // Nothing set yet: the month is refused, and says why.
  const pull = page.getByRole('button', { name: 'Загрузить из Битрикс24' });
  await pull.click();
  await expect(page.getByTestId('crm-refused')).toContainText(`Битрикс24, ${month}: месяц не загружен, ничего не записано.`);
  await expect(page.getByTestId('crm-refused')).toContainText('не указано поле с маржой сделки');

  await page.getByLabel('Маржа сделки, ₽: поле').fill(MARGIN_FIELD);
  // The managers' bonus scheme pays on receivables paid on time: a deal field holds it.
  const receivables = page.getByRole('group', { name: 'Дебиторка, оплаченная в срок' });
  await receivables.getByLabel('Откуда брать').selectOption({ label: 'из поля сделки' });
  await receivables.getByLabel('Поле сделки').fill(RECEIVABLES_FIELD);
  await page.getByRole('button', { name: 'Сохранить поля' }).click();
  await expect(page.getByRole('status')).toHaveText('Поля сохранены.');
  await expect(page.getByLabel('Маржа сделки, ₽: поле')).toHaveValue(MARGIN_FIELD);

  // The people are suggested by their names, but nothing is mapped until saved: still refused.
  await expect(page.getByLabel('Алексей Смирнов', { exact: true }).locator('option:checked')).toHaveText('Алексей Смирнов (trainee1)');
  await expect(page.getByLabel('Мария Волкова', { exact: true }).locator('option:checked')).toHaveText('Мария Волкова (trainee2)');
  await pull.click();
  const refused = page.getByTestId('crm-refused');
  await expect(refused).toContainText('пользователь CRM «Алексей Смирнов» (id 7) не сопоставлен с сотрудником, а за месяц у него сделок: 2, лидов: 8, счетов: 0.');
  await expect(refused).toContainText('пользователь CRM «Интеграция 1С» (id 15) не сопоставлен');

  await page.getByLabel('Интеграция 1С', { exact: true }).selectOption({ label: 'Не в Salesbook (не учитывать)' });
  await page.getByRole('button', { name: 'Сохранить сопоставление' }).click();
  await expect(page.getByRole('status')).toHaveText('Сопоставление сохранено. Сотрудников: 3, не в Salesbook: 1.');
  await expect(page.getByLabel('Алексей Смирнов', { exact: true }).locator('option:checked')).toHaveText('Алексей Смирнов (trainee1)');

  await pull.click();
  await expect(page.getByText(`Битрикс24, ${month}: ошибок нет. Сотрудников: 3. Проверьте и примените.`)).toBeVisible();
  const preview = page.getByTestId('kpi-preview');
  await expect(preview.getByRole('row')).toHaveCount(4);
  await expect(preview.getByRole('columnheader', { name: /receivables/ })).toBeVisible();
  await expect(preview.getByRole('row', { name: new RegExp(`^\\d mentor1 ${month}`) }).getByRole('cell').last()).toHaveText(String(MENTOR1_RECEIVABLES));
  await expect(preview.getByRole('row', { name: new RegExp(`^\\d trainee1 ${month}`) }).getByRole('cell').last()).toHaveText('—');
  for (const [login, figures] of Object.entries(EXPECTED)) {
    const row = preview.getByRole('row', { name: new RegExp(`^\\d ${login} ${month}`) });
    await expect(row).toContainText(amount(figures.revenue));
    await expect(row).toContainText(amount(figures.margin));
    await expect(row.getByRole('cell').nth(5)).toHaveText(String(figures.deals));
    await expect(row.getByRole('cell').nth(6)).toHaveText(String(figures.leads));
  }
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Применить' }).click();
  await expect(page.getByRole('status')).toContainText('Записано сотрудников: 3.');
  await expect(page.getByTestId('crm-pulls').getByRole('row', { name: new RegExp(`^${month}`) })).toContainText('вручную');

  // The month is trainee1's record now, from Bitrix24.
  const exported = await (await page.request.get('/team/trainee1/export.json')).json();
  expect(exported.kpiRecords.find((r: { month: string }) => r.month === month)).toMatchObject({ source: 'bitrix24', ...EXPECTED.trainee1 });
});

test('the pulled month is paid: a head approves the manager’s statement, and the manager reads it and finds the calculator agrees', async ({ page }) => {
  const month = previousMonth(serverClock.now().getTime(), fixtureSite.timeZone);
  const monthName = new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
  await signIn(page, 'head');
  await page.goto(`/admin/pay/${month}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Зарплата за ${monthName}`);
  const dmitry = page.locator('[data-testid="pay-person"][data-login="mentor1"]');
  // Computed from the figures just pulled: the margin and receivables from Bitrix24.
  await expect(dmitry.getByTestId('statement-lines')).toContainText(amount(EXPECTED.mentor1.margin));
  await expect(dmitry.getByTestId('statement-lines')).toContainText(`${MENTOR1_RECEIVABLES} %`);
  const total = (await dmitry.getByTestId('statement-total').innerText()).replace(/^К начислению: /, '').replace(/\.$/, '');
  await dmitry.getByRole('button', { name: 'Утвердить расчёт' }).click();
  await expect(page.getByRole('status')).toContainText('Утверждено расчётов: 1.');
  await expect(page.getByTestId('pay-month').getByRole('row', { name: /Дмитрий Орлов/ })).toContainText('Утверждён');
  await expect(dmitry.getByRole('button', { name: 'Утвердить расчёт' })).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, 'mentor1');
  await page.goto(`/team/mentor1/pay/${month}/`);
  await expect(page.getByTestId('statement-state')).toContainText('Утвердил(а) Ирина Соколова');
  await expect(page.getByTestId('statement-total')).toHaveText(`К начислению: ${total}.`);
  const statementLines = await page.getByTestId('statement-lines').locator('li').allInnerTexts();
  await page.getByRole('link', { name: 'Проверить в калькуляторе с теми же цифрами' }).click();
  await expect(page.getByTestId('pay-total')).toHaveText(`Доход за месяц: ${total}`);
  const calculatorLines = await page.getByTestId('pay-explanation').locator('li').allInnerTexts();
  expect(statementLines.slice(0, calculatorLines.length)).toEqual(calculatorLines);
});

test('a trainee cannot reach the CRM page', async ({ page }) => {
  await signIn(page, 'trainee1');
  const response = await page.goto('/admin/kpi/crm/');
  expect(response?.status()).toBe(404);
});
