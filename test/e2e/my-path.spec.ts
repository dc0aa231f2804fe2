import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { signIn } from './session';

// My path as a new hire finds it: who their mentor is, the order to work in, how long each document
// takes, and their own pages. trainee5 was hired 6 days ago; their mentor is mentor2.

/** Kept with the test results, to look at. */
async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test('a new hire sees their mentor, the order to work in with reading times, and their own pages', async ({ page }) => {
  await signIn(page, 'trainee5');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Мой путь');

  const mentor = page.getByTestId('path-mentor');
  await expect(mentor.getByRole('heading', { name: 'Ваш наставник' })).toBeVisible();
  await expect(mentor).toContainText('Елена Кузнецова, Менеджер по продажам.');
  await expect(mentor.getByRole('link', { name: 'Практические навыки стажёра' })).toHaveAttribute('href', '/checklists/trainee-skills/');

  // The list is in the order to work in, and the next step is its first document.
  const list = page.getByTestId('to-confirm');
  const first = list.getByRole('listitem').first();
  await expect(first).toHaveAttribute('data-doc', 'lead-handling');
  const title = (await first.getByRole('link').textContent())!.trim();
  await expect(page.getByTestId('path-summary').getByRole('link')).toHaveText(`Прочитайте и подтвердите: ${title}`);
  await expect(page.getByText('Идите по порядку: сначала документы, затем курсы, затем практические навыки.')).toBeVisible();
  for (const item of await list.getByRole('listitem').all()) {
    await expect(item.getByTestId('reading-time')).toHaveText(/^≈ \d+ мин чтения$/);
  }
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'my-path-new-hire-1280');
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, 'my-path-new-hire-360');
  await page.setViewportSize({ width: 1280, height: 720 });

  // A trainee has no pay scheme in the fixture: no calculator link.
  const mine = page.getByTestId('path-mine');
  await expect(mine.getByRole('link')).toHaveText(['Мой прогресс', 'Мои попытки тестов']);
  await mine.getByRole('link', { name: 'Мой прогресс' }).click();
  await expect(page).toHaveURL(/\/team\/trainee5\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Обучение: Сергей Лебедев');
  // The team's list is not theirs: the page leads back to My path instead.
  await expect(page.getByRole('main').getByRole('link', { name: 'Команда' })).toHaveCount(0);
  await page.getByRole('main').getByRole('link', { name: 'Мой путь' }).click();
  await page.getByTestId('path-mine').getByRole('link', { name: 'Мои попытки тестов' }).click();
  await expect(page).toHaveURL(/\/team\/trainee5\/quizzes\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Тесты: Сергей Лебедев');

  // Their own pages only.
  for (const path of ['/team/trainee4/', '/team/trainee4/quizzes/', '/team/']) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});

test('someone whose position has a pay scheme finds the calculator from My path, the statute’s contents and search', async ({ page }) => {
  // mentor1 is a manager, whose scheme the motivation statute sets; nobody waits for them in this test.
  await signIn(page, 'mentor1');
  await page.goto('/?path');
  await page.getByTestId('path-mine').getByRole('link', { name: 'Моя зарплата: калькулятор' }).click();
  await expect(page).toHaveURL(/\/docs\/motivation-statute\/#calculator$/);
  await expect(page.getByRole('heading', { name: 'Калькулятор мотивации' })).toBeInViewport();

  const contents = page.getByRole('navigation', { name: 'Содержание' });
  await expect(contents.getByRole('link').last()).toHaveText('Калькулятор мотивации');
  await expect(contents.getByRole('link').last()).toHaveAttribute('href', '#calculator');

  for (const query of ['калькулятор', 'сколько я получу']) {
    await page.goto(`/search?q=${encodeURIComponent(query)}`);
    const link = page.locator('.search-result__link').first();
    await expect(link, query).toContainText('Положение о мотивации');
    expect(decodeURIComponent((await link.getAttribute('href')) ?? ''), query).toMatch(/^\/docs\/motivation-statute\/#calculator-title$/);
  }
});

test('a document past its due date is marked overdue on My path, and the head sees the same person overdue on the team page', async ({ page }) => {
  await signIn(page, 'head');
  await page.goto('/team/');
  // Someone in the demo owes a document for longer than the five working days allowed: their documents' cell is marked.
  const late = page.getByTestId('matrix').locator('tbody tr').filter({ has: page.locator('td:first-of-type.cell-overdue') }).filter({ has: page.getByTestId('overdue') });
  expect(await late.count()).toBeGreaterThan(0);
  const row = late.first();
  const login = (await row.getAttribute('data-login'))!;
  await expect(row.getByTestId('overdue')).toHaveText(/^Просрочено на \d+ дн\.$/);
  await expect(row.locator('td').first()).toHaveClass(/cell-overdue/);

  await page.context().clearCookies();
  await signIn(page, login);
  await page.goto('/');
  const overdueDocs = page.getByTestId('to-confirm').getByRole('listitem').filter({ has: page.getByTestId('overdue') });
  expect(await overdueDocs.count()).toBeGreaterThan(0);
  await expect(overdueDocs.first().getByTestId('overdue')).toHaveText(/^Просрочено на \d+ дн\.$/);
  await expect(overdueDocs.first().getByTestId('overdue')).toHaveAttribute('title', /^Срок был до \d+ \S+ \d{4} г\.$/);
  await expect(page.getByTestId('path-summary')).toContainText('Просрочено шагов пути:');
});

test('a checklist on My path shows the day its skills are due, until a mentor has signed them all off', async ({ page }) => {
  // trainee5 started recently: the trainee checklist is due the ramp-time target (60 days) after their start.
  await signIn(page, 'trainee5');
  await page.goto('/');
  const checklist = page.getByTestId('path-checklists').getByRole('listitem').filter({ hasText: 'Практические навыки стажёра' });
  await expect(checklist.getByTestId('due')).toHaveText(/^Срок: до \d+ \S+ \d{4} г\.$/);
});
