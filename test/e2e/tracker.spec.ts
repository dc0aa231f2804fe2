import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { monthOf } from '../clock';
import { serverClock } from './clock';
import { signIn } from './session';

const header = 'login,month,revenue,margin,deals,leads,plan\n';

test('a KPI import shows on the person page: the new month is on the chart and in its table', async ({ page }) => {
  // trainee4 was hired 23 days ago: on any date no whole month since, so the demo gave them no figures.
  await signIn(page, 'head');
  await page.goto('/team/trainee4/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Обучение: Ольга Морозова');
  const planChart = page.locator('figure.chart').first();
  const month = monthOf(serverClock.now(), -1);
  const label = `${month.slice(5, 7)}.${month.slice(2, 4)}`;

  await page.goto('/admin/kpi/');
  await page.getByLabel('Файл CSV').setInputFiles({ name: 'kpi.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}trainee4,${month},2000000,999000,4,10,333000\nghost,${month},1,1,1,1,1\n`) });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(page.getByRole('alert')).toContainText('Строк с ошибками: 1');
  // The bad file wrote nothing: trainee4 still has no figures.
  await page.goto('/team/trainee4/');
  await expect(page.getByText('Показателей продаж пока нет')).toBeVisible();

  await page.goto('/admin/kpi/');
  await page.getByLabel('Файл CSV').setInputFiles({ name: 'kpi.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}trainee4,${month},2000000,999000,4,10,333000\n`) });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  await page.getByRole('button', { name: 'Применить' }).click();
  await expect(page.getByRole('status')).toContainText('Записано строк: 1.');

  await page.goto('/team/trainee4/');
  // The month is a bar on the chart (its tooltip) and a row of the table behind it.
  await expect(planChart.locator('svg title', { hasText: `${label}: 300 %` })).toHaveCount(1);
  await expect(planChart.locator('table tr', { hasText: label })).toContainText('300 %');
  await expect(page.getByRole('heading', { name: 'Уровень 4. Результаты: продажи' })).toBeVisible();
  await expect(page.getByTestId('ramp')).toContainText('в процессе: день');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/person-page.png', fullPage: true });
});

test('lessons a trainee marks done appear on the timeline of their person page, as the head sees it', async ({ page, browser }) => {
  // trainee5 marks both lessons of the fixture course done.
  await signIn(page, 'trainee5');
  for (const lesson of ['first-contact', 'crm']) {
    await page.goto(`/courses/basics/${lesson}/`);
    await page.getByRole('button', { name: 'Отметить урок пройденным' }).click();
    await expect(page.locator('#done')).toContainText('Урок пройден');
  }
  const head = await browser.newPage();
  await signIn(head, 'head');
  await head.goto('/team/trainee5/');
  await expect(head.getByTestId('timeline')).toContainText('Урок пройден');
  await expect(head.getByTestId('level3')).toContainText('Зачтено: 0 из 2.');
  await head.close();
});

test('the team page shows the matrix, and filters by position and mentor', async ({ page }) => {
  await signIn(page, 'head');
  await page.goto('/team/');
  const matrix = page.getByTestId('matrix');
  await expect(matrix.getByRole('row', { name: /Алексей Смирнов/ })).toBeVisible();
  await expect(matrix.getByRole('row', { name: /Ольга Морозова/ })).toBeVisible();
  await page.getByLabel('Наставник').selectOption({ label: 'Елена Кузнецова' });
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page).toHaveURL(/mentor=/);
  await expect(matrix.getByRole('row', { name: /Ольга Морозова/ })).toBeVisible();
  await expect(matrix.getByRole('row', { name: /Алексей Смирнов/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/team-page.png', fullPage: true });
  await page.getByRole('link', { name: 'Эффективность обучения' }).click();
  await expect(page.getByTestId('by-cohort')).toBeVisible();
  await expect(page.getByTestId('course-stats')).toContainText('Основы работы с заявками');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: 'Заменимость' }).click();
  await expect(page.getByTestId('coverage')).toContainText('Принимает входящий звонок по скрипту');
  await expectNoSeriousA11yViolations(page);
});

test('a trainee sees only their own person page; a mentor only their trainees', async ({ page, browser }) => {
  await signIn(page, 'trainee1');
  expect((await page.goto('/team/trainee1/'))?.status()).toBe(200);
  expect((await page.goto('/team/trainee2/'))?.status()).toBe(404);
  expect((await page.goto('/team/analytics/'))?.status()).toBe(404);
  expect((await page.request.get('/team/trainee2/export.json')).status()).toBe(404);
  expect((await page.request.get('/team/export/matrix.csv')).status()).toBe(404);
  const own = await page.request.get('/team/trainee1/export.json');
  expect(own.status()).toBe(200);
  const body = await own.text();
  expect(body).not.toContain('passwordHash');
  expect(JSON.parse(body).person.login).toBe('trainee1');

  const mentor = await browser.newPage();
  await signIn(mentor, 'mentor2');
  expect((await mentor.goto('/team/trainee4/'))?.status()).toBe(200);
  expect((await mentor.goto('/team/trainee1/'))?.status()).toBe(404);
  expect((await mentor.goto('/team/coverage/'))?.status()).toBe(404);
  const csv = await mentor.request.get('/team/export/matrix.csv');
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain('Ольга Морозова');
  expect(text).not.toContain('Алексей Смирнов');
  await mentor.close();
});
