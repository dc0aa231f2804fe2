import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { signIn } from './session';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'trainee1');
});

test('the home page shows the company and the main navigation', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/ООО «Пример Снабжение»/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  const nav = page.getByRole('navigation', { name: 'Основная навигация' });
  for (const item of ['Документы', 'Скрипты', 'Курсы', 'Оргструктура']) {
    await expect(nav.getByRole('link', { name: item })).toBeVisible();
  }
  await expectNoSeriousA11yViolations(page);
});

test('a document shows its metadata and a table of contents whose anchors work', async ({ page }) => {
  await page.goto('/docs/lead-handling/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Регламент обработки входящих заявок');
  const meta = page.getByLabel('Сведения о документе');
  await expect(meta).toContainText('Регламент');
  await expect(meta).toContainText('2.0');
  await expect(meta).toContainText('Руководитель отдела продаж');
  await expect(meta).toContainText('1 сентября 2026 г.');
  await expect(page.getByRole('heading', { name: 'История изменений' })).toBeVisible();
  const toc = page.getByRole('navigation', { name: 'Содержание' });
  await toc.getByRole('link', { name: 'Если заявка пришла ночью' }).click();
  await expect(page).toHaveURL(/#%D0%B5%D1%81%D0%BB%D0%B8-|#если-/);
  await expect(page.getByRole('heading', { name: 'Если заявка пришла ночью' })).toBeInViewport();
  await expectNoSeriousA11yViolations(page);
});

test('a document in print media shows no navigation and shows link addresses', async ({ page }) => {
  await page.emulateMedia({ media: 'print' });
  await page.goto('/docs/lead-handling/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.doc-aside')).toBeHidden();
  await expect(page.locator('.site-footer')).toBeHidden();
  const after = await page
    .locator('.prose a[href="/docs/motivation-statute/"]')
    .evaluate((a) => getComputedStyle(a, '::after').content);
  expect(after).toContain('/docs/motivation-statute/');
});

test('a lesson links to the next and the previous lesson', async ({ page }) => {
  await page.goto('/courses/basics/first-contact/');
  await expect(page.getByText('Урок 1 из 2')).toBeVisible();
  await expect(page.getByRole('link', { name: /Предыдущий урок/ })).toHaveCount(0);
  await page.getByRole('link', { name: /Следующий урок/ }).click();
  await expect(page).toHaveURL(/\/courses\/basics\/crm\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Заявка в CRM');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: /Предыдущий урок/ }).click();
  await expect(page).toHaveURL(/\/courses\/basics\/first-contact\/$/);
});

test('the org structure shows roles as a tree by reporting line', async ({ page }) => {
  await page.goto('/roles/');
  const head = page.locator('.tree > li').filter({ hasText: 'Руководитель отдела продаж' });
  await expect(head).toHaveCount(1);
  await expect(head.locator('ul li').filter({ hasText: 'Менеджер по продажам' }).first()).toBeVisible();
  await expect(head.locator('ul ul li').filter({ hasText: 'Стажёр отдела продаж' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await head.getByRole('link', { name: 'Менеджер по продажам' }).click();
  await expect(page.getByRole('heading', { name: 'Обязанности и функции' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Регламент обработки входящих заявок' })).toBeVisible();
});

test('an unknown page answers 404 with a way home', async ({ page }) => {
  const response = await page.goto('/docs/no-such-document/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Страница не найдена' })).toBeVisible();
});
