import { expect, test, type Page } from '@playwright/test';
import { signIn } from './session';

// Every kind of page, as the person who uses it, under the portal's Content-Security-Policy: the
// page is sent the policy, its scripts, styles, islands, search (WebAssembly) and editor all work
// under it, and nothing is refused. Pages are only looked at and tried, never saved, so the other
// tests find the data as they left it.

/** Collects what the browser refused on a page: `securitypolicyviolation` events and CSP console errors. */
async function watchViolations(page: Page): Promise<string[]> {
  const refused: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} on ${location.pathname}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /content security policy|CSP violation/i.test(message.text())) refused.push(message.text());
  });
  page.on('pageerror', (error) => refused.push(`page error: ${error.message}`));
  return refused;
}

/** Opens a page, checks it came with the policy, lets it settle and runs what it is for. */
async function visit(page: Page, path: string, use?: (page: Page) => Promise<void>) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy, path).toContain("frame-ancestors 'none'");
  expect(policy, path).toMatch(/script-src 'self'/);
  await page.waitForLoadState('networkidle');
  await use?.(page);
  await page.waitForLoadState('networkidle');
}

/** Waits until every island a person can see has hydrated, scrolling to each that waits to be seen. */
async function hydrated(page: Page) {
  for (const island of await page.$$('astro-island[ssr]')) {
    // One inside a closed <details> wakes when it is opened, as a person would.
    const shown = await island.evaluate((element) => (element.firstElementChild ?? element).checkVisibility());
    if (!shown) continue;
    await island.evaluate((element) => (element.firstElementChild ?? element).scrollIntoView());
    await page.waitForFunction((element) => !element.hasAttribute('ssr'), island);
  }
}

test('the detector sees a refused inline script (so the checks below mean something)', async ({ page }) => {
  const refused = await watchViolations(page);
  await visit(page, '/login');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
  });
  await expect.poll(() => refused.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
});

test('a trainee’s pages run under the policy', async ({ page }) => {
  const refused = await watchViolations(page);
  await visit(page, '/login');
  await signIn(page, 'trainee1');
  await visit(page, '/', hydrated);
  // The confirmation box, whether trainee1 has confirmed the document yet or not (other tests may have).
  await visit(page, '/docs/lead-handling/', async () => {
    await hydrated(page);
    await expect(page.locator('#ack')).toBeVisible();
  });
  await visit(page, '/docs/motivation-statute/', async () => {
    await hydrated(page);
    await page.locator('#calculator').getByLabel('Валовая маржа за месяц, ₽').fill('600000');
    await expect(page.getByTestId('pay-total')).toBeVisible();
  });
  await visit(page, '/courses/basics/first-contact/', async () => {
    await hydrated(page);
    await expect(page.getByRole('button', { name: 'Начать тест' })).toBeVisible();
  });
  await visit(page, '/scripts/cold-call/', async () => {
    await hydrated(page);
    await page.getByRole('button', { name: 'Тренироваться' }).click();
    await expect(page.getByTestId('client-line')).toContainText('Компания «Альфа», слушаю.');
  });
  await visit(page, '/search?q=премия', async () => {
    await expect(page.locator('.search-result').first()).toBeVisible();
  });
  // The header's search dialog, which loads Pagefind on demand.
  await visit(page, '/docs/', async () => {
    await page.waitForSelector('.search-slot[data-ready]', { state: 'attached' });
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog', { name: 'Поиск по книге продаж' });
    await dialog.getByRole('searchbox', { name: 'Что найти' }).pressSequentially('возраж');
    await expect(dialog.getByRole('list', { name: 'Результаты поиска' }).getByRole('link').first()).toContainText('Возражение «дорого»');
  });
  await visit(page, '/courses/', hydrated);
  await visit(page, '/roles/manager/', hydrated);
  await visit(page, '/checklists/trainee-skills/', hydrated);
  await visit(page, '/account/password');
  expect(refused).toEqual([]);
});

test('a mentor’s team pages run under the policy', async ({ page }) => {
  const refused = await watchViolations(page);
  await signIn(page, 'mentor1');
  for (const path of ['/mentor/', '/team/', '/team/trainee1/', '/team/trainee1/skills/', '/team/trainee1/quizzes/', '/team/trainee1/practice/']) {
    await visit(page, path, hydrated);
  }
  expect(refused).toEqual([]);
});

test('a head’s pages, the editor with its preview and the import page run under the policy', async ({ page }) => {
  const refused = await watchViolations(page);
  // Leaving the editor with typed text asks first; the text is not meant to be kept.
  page.on('dialog', (dialog) => void dialog.accept());
  await signIn(page, 'head');
  for (const path of ['/team/analytics/', '/team/coverage/', '/admin/people/', '/admin/kpi/', '/admin/docs/', '/admin/search-gaps/', '/docs/lead-handling/sheet/']) {
    await visit(page, path, hydrated);
  }
  await visit(page, '/edit/docs/lead-handling/', async () => {
    await hydrated(page);
    await expect(page.getByTestId('editor-preview')).toContainText('Сроки ответа', { timeout: 10_000 });
    // Typing re-renders the preview and CodeMirror restyles its text.
    const editor = page.getByRole('textbox', { name: 'Текст документа (Markdown)' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\n\n## Проверка политики\n');
    await expect(page.getByTestId('editor-preview')).toContainText('Проверка политики', { timeout: 10_000 });
  });
  await visit(page, '/admin/docs/import/', hydrated);
  await visit(page, '/edit/new/', hydrated);
  expect(refused).toEqual([]);
});
