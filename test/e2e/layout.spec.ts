import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { signIn } from './session';
import { monthOf } from '../clock';
import { serverClock } from './clock';

// Every kind of page, as each role sees it, on a 360 px phone and a 1280 px laptop, in light and dark
// mode: nothing scrolls sideways (wide tables scroll inside their own box), the header is one line on
// the laptop, and axe finds no serious or critical violation.

const everyone = [
  '/',
  '/docs/',
  '/docs/lead-handling',
  '/scripts/',
  '/scripts/cold-call',
  '/courses/',
  '/courses/basics/',
  '/courses/basics/first-contact',
  '/quizzes/first-contact-check',
  '/checklists/trainee-skills',
  '/roles/',
  '/roles/manager',
  '/search?q=скидка',
  '/account/password',
  '/notifications/',
  '/account/notifications',
  '/no-such-page',
];

// A month with the demo's sales figures, whose pay statements are drafts.
const month = monthOf(serverClock.now(), -1);

const pagesOf: Record<string, string[]> = {
  trainee1: [...everyone, '/team/trainee1/'],
  mentor1: [
    ...everyone,
    '/mentor/',
    '/team/',
    '/team/analytics',
    '/team/trainee1/',
    '/team/trainee1/skills',
    '/team/trainee1/quizzes',
    '/team/trainee1/practice',
    '/team/mentor1/pay/',
    `/team/mentor1/pay/${month}/`,
  ],
  head: [
    ...everyone,
    '/mentor/',
    '/team/',
    '/team/analytics',
    '/team/coverage',
    '/team/coverage/what-if?gone=head,mentor1',
    '/team/sales',
    '/team/trainee1/',
    '/team/trainee1/skills',
    '/team/trainee1/quizzes',
    '/docs/lead-handling/sheet',
    '/admin/people/',
    '/admin/people/trainee1',
    '/admin/kpi',
    '/admin/kpi/crm',
    '/admin/pay/',
    `/admin/pay/${month}/`,
    `/admin/pay/${month}/print`,
    '/admin/docs/',
    '/admin/docs/import',
    '/admin/search-gaps',
    '/admin/notifications',
    '/edit/new?kind=doc',
    '/edit/docs/lead-handling',
  ],
};

async function pageWidth(page: Page) {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
}

/** The elements wider than the viewport that are not inside a box of their own that scrolls. */
async function overflowing(page: Page, width: number) {
  return page.evaluate((viewport) => {
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= viewport + 0.5) continue;
      let scroller: HTMLElement | null = element.parentElement;
      while (scroller && scroller !== document.body && getComputedStyle(scroller).overflowX === 'visible') scroller = scroller.parentElement;
      if (scroller && scroller !== document.body) continue;
      found.push(`${element.tagName.toLowerCase()}.${element.className} (${Math.round(box.right)} px)`);
    }
    return found.slice(0, 5);
  }, width);
}

for (const [login, pages] of Object.entries(pagesOf)) {
  test.describe(`${login}'s pages`, () => {
    test.beforeEach(async ({ page }) => {
      await signIn(page, login);
    });

    for (const width of [360, 1280]) {
      test(`fit a ${width} px screen, and the header is ${width === 1280 ? 'one line' : 'a menu button'}`, async ({ page }) => {
        test.setTimeout(120_000);
        await page.setViewportSize({ width, height: 800 });
        for (const path of pages) {
          const response = await page.goto(path);
          expect(response!.status(), path).toBeLessThan(path === '/no-such-page' ? 500 : 400);
          expect(await pageWidth(page), `${path} at ${width} px: ${(await overflowing(page, width)).join(', ')}`).toBeLessThanOrEqual(width);
          const header = page.locator('.site-header__inner');
          if (width === 1280) {
            // One line: the header is no taller than its tallest item.
            const heights = await header.evaluate((inner) => ({
              inner: inner.getBoundingClientRect().height,
              items: Math.max(...[...inner.children].map((child) => child.getBoundingClientRect().height)),
            }));
            expect(heights.inner, `${path}: the header wraps`).toBeLessThanOrEqual(heights.items + 24);
            await expect(page.getByRole('button', { name: /Меню/ })).toBeHidden();
          } else {
            await expect(page.getByRole('button', { name: /Меню/ })).toBeVisible();
            await expect(page.getByRole('navigation', { name: 'Основная навигация' })).toBeHidden();
          }
        }
      });
    }

    for (const scheme of ['light', 'dark'] as const) {
      test(`have no serious accessibility violations in ${scheme} mode`, async ({ page }) => {
        test.setTimeout(180_000);
        await page.emulateMedia({ colorScheme: scheme });
        for (const path of pages) {
          await page.goto(path);
          await expectNoSeriousA11yViolations(page, path);
        }
      });
    }
  });
}

test('on a phone the menu button opens the sections and the account, with and without JavaScript', async ({ browser }) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signIn(page, 'head');
    await page.goto('/docs/');
    const menu = page.getByRole('button', { name: /Меню/ });
    await menu.click();
    const nav = page.getByRole('navigation', { name: 'Основная навигация' });
    await expect(nav).toBeVisible();
    await expect(page.getByRole('button', { name: 'Выйти' })).toBeVisible();
    await nav.getByRole('link', { name: 'Команда' }).click();
    await expect(page).toHaveURL(/\/team\/$/);
    await expect(nav).toBeHidden();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await context.close();
  }
});

test('a wide table scrolls inside its own box, which the keyboard can reach', async ({ page }) => {
  await signIn(page, 'head');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/team/');
  const box = page.locator('.table-scroll').first();
  await expect(box).toHaveAttribute('tabindex', '0');
  await expect(box).toHaveAccessibleName(/.+/);
  const sizes = await box.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  await box.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => box.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
});
