import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { signIn } from './session';

// "What if these people leave", as a head walks through it. In the fixture, managers (mentor1 and
// mentor2) have the key-account checklist on their path, and nobody else does; its critical item,
// the annual contract, asks for the site's minimum of two. The head certifies both mentors in it and
// hires a third manager, who holds nothing yet: when mentor1 leaves, the new manager is the one to
// train, and mentor2 the one to check them. Other tests never touch that checklist.

const ANNUAL = 'Ведёт переговоры о годовом договоре';
const ANNUAL_KEY = 'key-accounts/inbound-call';

/** The head passes a manager's annual-contract item from the manager's skills page. */
async function certify(page: Page, login: string) {
  await page.goto(`/team/${login}/skills/`);
  const card = page.getByTestId('skill').filter({ has: page.getByRole('heading', { name: ANNUAL }) });
  if ((await card.getByTestId('skill-state').textContent()) === 'Зачтено') return;
  await card.getByText('Оценить навык').click();
  await expect(card.locator('astro-island')).not.toHaveAttribute('ssr');
  await card.getByRole('group', { name: 'Решение' }).getByLabel('Зачтено').check();
  await card.getByLabel('Комментарий', { exact: true }).fill('Провёл переговоры о продлении, условия сохранены.');
  await card.getByRole('button', { name: 'Сохранить оценку' }).click();
  await expect(card.getByTestId('skill-state')).toHaveText('Зачтено');
}

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'head');
  await certify(page, 'mentor1');
  await certify(page, 'mentor2');
  // Once per run: a retried worker finds the new manager there already.
  if ((await page.goto('/admin/people/p.zaitsev'))?.status() === 404) {
    await page.goto('/admin/people/');
    await page.getByLabel('Логин', { exact: true }).fill('p.zaitsev');
    await page.getByLabel('Имя и фамилия').fill('Павел Зайцев');
    await page.getByLabel('Должность').selectOption({ label: 'Менеджер по продажам' });
    await page.getByRole('button', { name: 'Добавить сотрудника' }).click();
    await expect(page.getByTestId('temporary-password')).toContainText('Павел Зайцев');
  }
  await context.close();
});

const result = (page: Page) => page.getByTestId('what-if-result');

/** What the head must see when mentor1 and trainee1 leave. */
async function expectMentorAndTraineeGone(page: Page) {
  // In the order the address names them.
  await expect(result(page).getByRole('heading', { level: 2 }).first()).toHaveText(/^Если уйдут: (Дмитрий Орлов, Алексей Смирнов|Алексей Смирнов, Дмитрий Орлов)$/);
  const annual = page.getByTestId('what-if-skills').locator(`tr[data-skill="${ANNUAL_KEY}"]`);
  await expect(annual.getByRole('rowheader')).toContainText(ANNUAL);
  await expect(annual.getByTestId('before-after')).toHaveText('2 → 1');
  await expect(annual).toContainText('ниже минимума');
  await expect(annual).toContainText('Дмитрий Орлов');
  // The gap and the training that closes it: the new manager, checked by the mentor who stays.
  const gap = page.getByTestId('what-if-gap').filter({ has: page.getByRole('heading', { name: ANNUAL }) });
  await expect(gap).toContainText('Останется 1 при минимуме 2: обучить ещё 1 чел.');
  const row = gap.getByTestId('what-if-training').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: 'Павел Зайцев' })).toHaveAttribute('href', '/team/p.zaitsev/');
  await expect(row.getByRole('link', { name: 'Открыть навык' })).toHaveAttribute('href', '/team/p.zaitsev/skills/#item-key-accounts-inbound-call');
  await expect(row).toContainText('Не запрошено');
  await expect(row.getByTestId('training-mentor').getByRole('link', { name: 'Елена Кузнецова' })).toHaveAttribute('href', '/team/mentor2/');
  // mentor1's trainees who stay are left without a mentor; nobody's position is left empty.
  const orphans = page.getByTestId('what-if-orphans');
  await expect(orphans).toContainText('Наставник Дмитрий Орлов:');
  await expect(orphans.getByRole('link', { name: 'Мария Волкова' })).toHaveAttribute('href', '/team/trainee2/');
  await expect(orphans.getByRole('link', { name: 'Никита Павлов' })).toBeVisible();
  await expect(orphans).not.toContainText('Алексей Смирнов');
  await expect(page.getByText('Ни одна должность не останется пустой.')).toBeVisible();
  await expect(page.getByTestId('no-heads')).toHaveCount(0);
}

test('a head picks two people on the coverage page’s "what if", sees the skills they take and whom to train, and shares the link', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'head');
  await page.goto('/team/coverage/');
  // The annual contract has the site's minimum; the trainee's inbound call its own three.
  const coverage = page.getByTestId('coverage');
  await expect(coverage.locator(`tr[data-skill="${ANNUAL_KEY}"]`).getByTestId('minimum')).toHaveText('2');
  await expect(coverage.locator('tr[data-skill="trainee-skills/inbound-call"]').getByTestId('minimum')).toHaveText(/^3\s*свой минимум навыка$/);
  // The trend ends today, with both mentors certified.
  await expect(page.getByTestId('trend-charts').locator(`li[data-skill="${ANNUAL_KEY}"]`)).toContainText(ANNUAL);
  await expect(page.getByTestId('trend-table').locator(`tr[data-skill="${ANNUAL_KEY}"] td`).last()).toHaveText('2');
  await expectNoSeriousA11yViolations(page, 'coverage');
  await page.screenshot({ path: 'test-results/coverage-trend-1280.png', fullPage: true });

  await page.getByTestId('what-if-link').click();
  await expect(page).toHaveURL(/\/team\/coverage\/what-if\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Что если уйдут эти люди');
  // The list is searched by name as one types; a pick stays ticked while the search changes.
  const search = page.getByLabel('Найти сотрудника');
  await search.fill('орлов');
  const people = page.locator('[data-people-picker] li:not([hidden])');
  await expect(people).toHaveCount(1);
  await page.getByRole('checkbox', { name: /Дмитрий Орлов/ }).check();
  await search.fill('Смирнов');
  await page.getByRole('checkbox', { name: /Алексей Смирнов/ }).check();
  await expect(page.getByText('Выбрано: 2 из 4')).toBeVisible();
  await search.fill('');
  await expect(people).not.toHaveCount(1);
  await expectNoSeriousA11yViolations(page, 'what-if form');
  await page.getByRole('button', { name: 'Посчитать' }).click();

  // The address names both in one `gone`: a link to share.
  await expect(page).toHaveURL(/\/team\/coverage\/what-if\/\?gone=(trainee1,mentor1|mentor1,trainee1)$/);
  await expect(page.getByRole('checkbox', { name: /Дмитрий Орлов/ })).toBeChecked();
  await expectMentorAndTraineeGone(page);
  await expectNoSeriousA11yViolations(page, 'what-if result');
  await page.screenshot({ path: 'test-results/what-if-1280.png', fullPage: true });

  const shared = (await page.getByTestId('what-if-share').getAttribute('href'))!;
  expect(shared).toMatch(/^\/team\/coverage\/what-if\/\?gone=/);
  const again = await page.context().newPage();
  await again.setViewportSize({ width: 360, height: 740 });
  await again.goto(shared);
  await expectMentorAndTraineeGone(again);
  // Nothing scrolls sideways on a phone: tables scroll in their own boxes.
  expect(await again.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await expectNoSeriousA11yViolations(again, 'what-if at 360 px');
  await again.screenshot({ path: 'test-results/what-if-360.png', fullPage: true });
  await again.goto('/team/coverage/');
  await again.screenshot({ path: 'test-results/coverage-trend-360.png', fullPage: true });
});

test('taking out the head: their position and its duties are left empty, and nobody is left to manage the portal', async ({ page }) => {
  await signIn(page, 'head');
  await page.goto('/team/coverage/what-if/?gone=head,mentor2');
  const role = page.getByTestId('what-if-role');
  await expect(role.getByRole('heading', { name: 'Руководитель отдела продаж' })).toBeVisible();
  await expect(role).toContainText('Ставит план отделу и каждому менеджеру.');
  await expect(page.getByTestId('no-heads')).toContainText('Не останется никого с правами руководителя в портале');
  await expect(page.getByTestId('what-if-skills').locator(`tr[data-skill="${ANNUAL_KEY}"] [data-testid="before-after"]`)).toHaveText('2 → 1');
});

test('more than four people, or a login nobody has, is refused with a clear message and nothing worked out', async ({ page }) => {
  await signIn(page, 'head');
  const tooMany = await page.goto('/team/coverage/what-if/?gone=head,mentor1,mentor2,trainee1,trainee2');
  expect(tooMany?.status()).toBe(400);
  await expect(page.getByTestId('what-if-problems')).toContainText('Можно выбрать не больше 4 человек, а выбрано 5. Оставьте не больше 4 и посчитайте снова.');
  await expect(result(page)).toHaveCount(0);
  // The five stay ticked, so the head unticks one rather than starts again.
  await expect(page.locator('[data-people-picker] input:checked')).toHaveCount(5);
  await expectNoSeriousA11yViolations(page, 'refused');

  const unknown = await page.goto('/team/coverage/what-if/?gone=mentor1,no.such.person');
  expect(unknown?.status()).toBe(400);
  await expect(page.getByTestId('what-if-problems')).toContainText('Нет сотрудников с логином «no.such.person». Выберите людей из списка.');
  await expect(result(page)).toHaveCount(0);
});

test('a trainee and a mentor get the 404 of a page that does not exist', async ({ page }) => {
  for (const login of ['trainee1', 'mentor1']) {
    await page.context().clearCookies();
    await signIn(page, login);
    const answer = await page.goto('/team/coverage/what-if/?gone=head,mentor2');
    expect(answer?.status(), login).toBe(404);
    await expect(page.getByRole('heading', { name: 'Страница не найдена' })).toBeVisible();
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the head ticks people in the plain list and the form answers with the shareable address', async ({ page }) => {
    await signIn(page, 'head');
    await page.goto('/team/coverage/what-if/');
    await expect(page.getByLabel('Найти сотрудника')).toBeHidden();
    await page.getByRole('checkbox', { name: /Дмитрий Орлов/ }).check();
    await page.getByRole('checkbox', { name: /Алексей Смирнов/ }).check();
    await page.getByRole('button', { name: 'Посчитать' }).click();
    await expect(page).toHaveURL(/\?gone=(trainee1,mentor1|mentor1,trainee1)$/);
    await expectMentorAndTraineeGone(page);
  });
});
