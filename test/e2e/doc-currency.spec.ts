import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { expectNoSeriousA11yViolations } from './axe';
import { signIn } from './session';

// The demo seed has mentor2, whose account is older than lead-handling 2.0, confirm 1.0 while it was in
// force; its text is kept in test/fixtures/content/docs/_versions/lead-handling/1.0.mdx. New hires
// confirmed 2.0. Tests in this file run in order: the sheet is checked before mentor2 confirms 2.0.

const sheetRow = (page: Page, login: string) => page.getByTestId('sheet').locator(`tr[data-login="${login}"]`);

test('the head’s acknowledgement sheet lists everyone the document asks, with the version each confirmed', async ({ page }) => {
  await signIn(page, 'head');
  await page.goto('/docs/lead-handling/');
  await page.getByRole('link', { name: 'Лист ознакомления' }).click();
  await expect(page).toHaveURL(/\/docs\/lead-handling\/sheet\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Лист ознакомления');
  await expect(page.getByText('с документом «Регламент обработки входящих заявок», версия 2.0')).toBeVisible();
  const logins = await page.getByTestId('sheet').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-login')));
  // Managers and trainees are its audience; the head of sales is not. (Other tests may add people.)
  expect(logins).toEqual(expect.arrayContaining(['mentor1', 'mentor2', 'trainee1', 'trainee2', 'trainee3', 'trainee4', 'trainee5']));
  expect(logins).not.toContain('head');
  await expect(sheetRow(page, 'mentor2')).toContainText('Елена Кузнецова');
  await expect(sheetRow(page, 'mentor2')).toContainText('Менеджер по продажам');
  await expect(sheetRow(page, 'mentor2')).toContainText('1.0 — прежняя версия');
  await expect(sheetRow(page, 'trainee1').locator('td').nth(2)).toHaveText('2.0');
  await expect(sheetRow(page, 'trainee2').locator('td').nth(2)).toHaveText('2.0');
  await expect(sheetRow(page, 'trainee5')).toContainText('не подтверждено');
  await expect(page.getByRole('columnheader', { name: 'Подпись' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.site-footer')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Распечатать' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Скачать CSV' })).toBeHidden();
  await expect(page.getByTestId('sheet-summary')).toBeHidden();
  await expect(page.getByTestId('sheet')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The paper says whose it is, and has a line for the person responsible to fill by hand.
  await expect(page.getByTestId('sheet-company')).toHaveText('ООО «Пример Снабжение»');
  const responsible = page.getByTestId('sheet-responsible');
  await expect(responsible).toBeVisible();
  await expect(responsible).toContainText('Ответственный за ознакомление');
  for (const blank of ['фамилия и инициалы', 'подпись', 'дата']) await expect(responsible.getByText(blank, { exact: true })).toBeVisible();
  // Kept with the test results, to look at.
  await page.screenshot({ path: test.info().outputPath('acknowledgement-sheet-print.png'), fullPage: true });
});

test('the CSV export has a header and one row per person', async ({ page }) => {
  await signIn(page, 'head');
  await page.goto('/docs/lead-handling/sheet/');
  const people = await page.getByTestId('sheet').locator('tbody th[scope="row"]').allTextContents();
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Скачать CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^ack-sheet-lead-handling-\d{4}-\d{2}-\d{2}\.csv$/);

  const response = await page.request.get('/docs/lead-handling/sheet.csv');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/csv');
  const text = (await response.text()).replace(/^\uFEFF/, '');
  const { data, errors } = Papa.parse<string[]>(text.trim(), { delimiter: ';' });
  expect(errors).toEqual([]);
  expect(data[0]).toEqual(['№', 'Сотрудник', 'Должность', 'Версия', 'Дата ознакомления', 'Отметка']);
  const rows = data.slice(1);
  expect(rows.map((r) => r[1])).toEqual(people);
  expect(new Set(people).size).toBe(people.length);
  expect(rows.map((r) => r[0])).toEqual(people.map((_, i) => String(i + 1)));
  const mentor2 = rows.find((r) => r[1] === 'Елена Кузнецова')!;
  expect(mentor2.slice(2, 4)).toEqual(['Менеджер по продажам', '1.0']);
  // Local time in the site’s time zone, as the printed sheet shows it.
  expect(mentor2[4]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
  expect(mentor2[5]).toBe('прежняя версия');
  expect(rows.find((r) => r[1] === 'Алексей Смирнов')!.slice(2, 4)).toEqual(['Стажёр отдела продаж', '2.0']);
  expect(rows.find((r) => r[1] === 'Сергей Лебедев')!.slice(3)).toEqual(['', '', 'не подтверждено']);
});

test('a manager who confirmed 1.0 sees “read again” and what changed, word by word, now that the document is at 2.0', async ({ page }) => {
  await signIn(page, 'mentor2');
  await page.goto('/docs/');
  const card = page.locator('[data-doc="lead-handling"]');
  await expect(card).toContainText('новая версия — прочитайте снова');
  await card.getByRole('link', { name: 'Регламент обработки входящих заявок' }).click();

  const panel = page.getByTestId('reader-changes');
  await expect(panel.getByRole('heading', { name: /Что изменилось с версии 1\.0/ })).toBeVisible();
  await expect(panel).toContainText('Вы подтверждали версию 1.0. С тех пор документ обновился до версии 2.0');
  await expect(panel.getByRole('list', { name: 'По журналу изменений' }).getByRole('listitem')).toHaveText(['2.0 · 1 сентября 2026 г. — Срок первого ответа сокращён до 15 минут.']);
  // Both sections changed; the night rule under the first did not, and is not listed.
  await expect(panel.getByRole('list', { name: 'Изменённые разделы' }).getByRole('listitem')).toHaveText(['Сроки ответа — раздел изменён', 'Что записать в CRM — раздел изменён']);
  const diff = panel.getByTestId('text-diff');
  await expect(diff.locator('del').filter({ hasText: '30' })).toHaveCount(1);
  await expect(diff.locator('ins').filter({ hasText: '15' })).toHaveCount(1);
  await expect(diff.locator('ins').filter({ hasText: 'с сайта' })).toHaveCount(1);
  await expect(diff.locator('ins').filter({ hasText: 'дату следующего шага' })).toHaveCount(1);
  await expect(diff).toContainText('Без изменений: фрагментов — 1');
  await expectNoSeriousA11yViolations(page);

  await expect(page.getByTestId('path-badge')).toContainText('1');
  // The island is live (Astro drops `ssr` once hydrated), so the confirmation goes without leaving the page.
  await page.locator('#ack').scrollIntoViewIfNeeded();
  await expect(page.locator('#ack astro-island')).not.toHaveAttribute('ssr');
  await page.getByRole('button', { name: 'Ознакомлен(а)' }).click();
  await expect(page.locator('#ack')).toContainText('Вы ознакомились с версией 2.0');
  // Without a reload (what changed is still on the page): no "read again" left, nothing to count, nothing left to read.
  await expect(page.getByTestId('reader-changes')).toContainText('Что изменилось с версии 1.0');
  await expect(page.getByTestId('reader-changes')).not.toContainText('прочитайте снова');
  await expect(page.getByText('Прочитайте его снова и подтвердите')).toHaveCount(0);
  await expect(page.getByTestId('path-badge')).toHaveCount(0);
  await expect(page.getByTestId('ack-next')).toHaveText('Все обязательные документы подтверждены. Мой путь');
  await page.reload();
  await expect(page.getByTestId('reader-changes')).toHaveCount(0);
  await page.goto('/docs/');
  await expect(page.locator('[data-doc="lead-handling"]')).not.toContainText('прочитайте снова');
});

test('a trainee opening a draft’s address gets 404, and the draft is in none of their lists', async ({ page }) => {
  await signIn(page, 'trainee2');
  const response = await page.goto('/docs/tenders/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Страница не найдена' })).toBeVisible();
  for (const path of ['/docs/', '/docs/?status=draft', '/docs/lead-handling/', '/roles/trainee/', '/courses/basics/crm/', '/']) {
    await page.goto(path);
    await expect(page.locator('main'), path).not.toContainText('Регламент участия в тендерах');
  }
  await page.goto('/docs/');
  await expect(page.getByTestId('docs-found')).toHaveText('Найдено документов: 15');
  await expect(page.getByLabel('Статус').locator('option')).toHaveText(['Любой', 'Действует', 'В архиве']);
  // Heads' pages are not there either.
  for (const path of ['/docs/lead-handling/sheet/', '/admin/docs/', '/team/']) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  expect((await page.request.get('/docs/lead-handling/sheet.csv')).status()).toBe(404);
});

test('the head sees drafts, filters the index and sorts it by review date', async ({ page }) => {
  await signIn(page, 'head');
  await page.goto('/docs/');
  await expect(page.getByTestId('docs-found')).toHaveText('Найдено документов: 17');
  await page.getByLabel('Статус').selectOption({ label: 'Черновик' });
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page).toHaveURL(/status=draft/);
  await expect(page.getByTestId('docs-found')).toHaveText('Найдено документов: 2');
  await expect(page.locator('[data-doc="tenders"]')).toContainText('Черновик');
  await page.getByRole('link', { name: 'Сбросить отбор' }).click();
  await page.getByLabel('Метка').selectOption('заявки');
  await page.getByLabel('Порядок').selectOption({ label: 'По сроку пересмотра' });
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page.locator('.card h3')).toHaveText(['Регламент обработки входящих заявок']);
  await page.goto('/docs/?sort=review');
  // The twelve short memos, which only search needs in numbers, aside.
  await expect(page.locator('.card:not([data-doc^="memo-"]) h3')).toHaveText([
    'Положение о мотивации',
    'Регламент участия в тендерах',
    'Регламент обработки входящих заявок',
    'Регламент согласования скидок',
    'Приказ о прайс-листе 2025 года',
  ]);
  await expect(page.locator('[data-doc="motivation-statute"]')).toContainText('Срок пересмотра истёк');
  await expectNoSeriousA11yViolations(page);
  await page.goto('/docs/tenders/');
  await expect(page.getByText('Черновик. Его видят только руководители')).toBeVisible();
  await page.goto('/roles/trainee/');
  await expect(page.getByRole('listitem').filter({ hasText: 'Регламент участия в тендерах' })).toContainText('Черновик');
});

test('the content health page puts overdue documents first, with coverage and totals; the document says so too', async ({ page }) => {
  await signIn(page, 'head');
  await page.goto('/docs/');
  await page.getByRole('link', { name: /Состояние документов/ }).click();
  await expect(page).toHaveURL(/\/admin\/docs\/$/);
  const rows = page.getByTestId('health-table').locator('tbody tr');
  await expect(rows.first()).toHaveAttribute('data-doc', 'motivation-statute');
  await expect(rows.first()).toContainText(/просрочен на \d+ дн\./);
  await expect(rows.last()).toHaveAttribute('data-doc', 'old-price-order');
  const leads = page.locator('tr[data-doc="lead-handling"]');
  await expect(leads).toContainText(/\d+ из \d+ · \d+ %/);
  await expect(page.locator('tr[data-doc="tenders"]')).toContainText('не требуется');
  const totals = page.getByTestId('health-totals');
  await expect(totals).toContainText('Срок пересмотра истёк');
  await expect(totals).toContainText('Ознакомлены с текущей версией');
  await expectNoSeriousA11yViolations(page);
  await page.locator('tr[data-doc="motivation-statute"]').getByRole('link', { name: 'Положение о мотивации', exact: true }).click();
  await expect(page.getByTestId('review-overdue')).toContainText('Срок пересмотра истёк 1 июня 2026 г.');
});

test('the team list shows a mentor only their trainees', async ({ page }) => {
  await signIn(page, 'mentor2');
  await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Команда' }).click();
  const team = page.getByTestId('team');
  const logins = () => team.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-login')));
  expect((await logins()).sort()).toEqual(['trainee4', 'trainee5']);
  await expect(team.locator('tr[data-login="trainee5"] [data-testid="outstanding"]')).toContainText(/\d/);
  await expectNoSeriousA11yViolations(page);
});

test('the team list shows the head everyone, each with what they still owe and the longest-owed document', async ({ page }) => {
  await signIn(page, 'head');
  await page.goto('/team/');
  const team = page.getByTestId('team');
  const logins = () => team.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-login')));
  expect(await logins()).toEqual(expect.arrayContaining(['head', 'mentor1', 'mentor2', 'trainee1', 'trainee2', 'trainee3', 'trainee4', 'trainee5']));
  await expect(team.locator('tr[data-login="trainee2"]')).toContainText('всё подтверждено');
  await expect(team.locator('tr[data-login="trainee3"]')).toContainText('Регламент обработки входящих заявок');
  await expect(team.locator('tr[data-login="trainee3"]')).toContainText(/с .+ — \d+ дн\./);
});

test('an archived document asks nobody to confirm it', async ({ page }) => {
  await signIn(page, 'trainee3');
  await page.goto('/docs/old-price-order/');
  await expect(page.getByText('Документ в архиве: он больше не действует и подтверждения не запрашивает.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ознакомлен(а)' })).toHaveCount(0);
  await page.goto('/');
  await expect(page.getByTestId('to-confirm')).not.toContainText('Приказ о прайс-листе 2025 года');
});
