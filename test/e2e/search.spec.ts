import { expect, test, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { currentBuild } from '../../scripts/build-state.mjs';
import { readContent } from '../../src/content-store/snapshot';
import { isSearchIndexComplete, searchIndexFolder } from '../../src/server/http/search-files';
import { e2eContentFolder } from './data-folder.mjs';
import { expectNoSeriousA11yViolations } from './axe';
import { signIn } from './session';

/** The indexes of the content the e2e server serves (a copy of the fixture content). */
function indexFolder(): string {
  const root = e2eContentFolder();
  const reading = readContent(root);
  if (!reading.ok) throw new Error('the content served does not pass the content check');
  const folder = searchIndexFolder(currentBuild(resolve('dist-test'))!, root, reading.snapshot.digest);
  if (!isSearchIndexComplete(folder)) throw new Error(`no complete search index of the content served in ${folder}`);
  return folder;
}

function bundleUrls(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  const searchDir = indexFolder();
  return walk(searchDir).map((file) => `/pagefind/${relative(searchDir, file).split('\\').join('/')}`);
}

/** The first result's link, decoded so anchors read as the headings' slugs. */
async function firstResult(page: Page): Promise<string> {
  const link = page.locator('.search-result__link').first();
  await expect(link).toBeVisible();
  return decodeURIComponent((await link.getAttribute('href')) ?? '');
}

/** Waits until a search island has come to life (the header one loads when the browser is idle). */
async function searchReady(page: Page, island: 'SearchDialog' | 'SearchPage' = 'SearchDialog') {
  // The header's launcher loads the dialog on demand; it is ready once its script listens.
  if (island === 'SearchDialog') await page.waitForSelector('.search-slot[data-ready]', { state: 'attached' });
  else await page.waitForFunction((name) => document.querySelector(`astro-island[component-url*="${name}"]:not([ssr])`) !== null, island);
}

/** A GET with the path sent exactly as written (no URL normalization), with the page's cookies. */
async function rawGet(page: Page, path: string): Promise<number> {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const { hostname, port } = new URL(page.url());
  return new Promise((done, fail) => {
    const req = httpRequest({ host: hostname, port, path, headers: { cookie } }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}

test('anonymous requests for every index file, the bundle and the search actions get 401', async ({ request }) => {
  const files = bundleUrls();
  expect(files.filter((url) => url.startsWith('/pagefind/staff/')).length).toBeGreaterThan(8);
  expect(files.filter((url) => url.startsWith('/pagefind/heads/')).length).toBeGreaterThan(8);
  for (const url of [...files, '/pagefind/', '/pagefind/staff/', '/pagefind/heads/fragment', '/pagefind/nowhere.js']) {
    const response = await request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(401);
    expect(await response.text(), url).not.toContain('pagefind');
  }
  for (const action of ['recordSearchGap', 'dismissSearchGap']) {
    const response = await request.post(`/_actions/${action}`, { data: { query: 'скидка' }, maxRedirects: 0 });
    expect(response.status(), action).toBe(401);
  }
  // The search page itself sends a person to sign in, and shows nothing before.
  const page = await request.get('/search?q=скидка', { maxRedirects: 0 });
  expect(page.status()).toBe(303);
  expect(page.headers().location).toBe(`/login?next=${encodeURIComponent('/search?q=%D1%81%D0%BA%D0%B8%D0%B4%D0%BA%D0%B0')}`);
});

test.describe('a trainee', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'trainee1');
  });

  test('finds the expected page first, for word forms, plain questions and sub-headings', async ({ page }) => {
    const cases: [string, string][] = [
      // Russian stemming, both ways: the page says «возражение», «депремированию», «испытательном сроке», «валовой маржи».
      ['q=возражения', '/scripts/objection-expensive/'],
      ['q=депремирование&type=script', '/scripts/objection-expensive/#не-торгуйтесь-сразу'],
      ['q=депремированию', '/docs/motivation-statute/#депремирование'],
      ['q=испытательный срок', '/roles/trainee/'],
      ['q=валовая маржа', '/docs/motivation-statute/#премия'],
      // «ночью» is only in a level-3 heading: the result opens that heading.
      ['q=ночью', '/docs/lead-handling/#если-заявка-пришла-ночью'],
      ['q=приветствие', '/scripts/cold-call/#приветствие'],
      ['q=карточка сделки', '/courses/basics/crm/#карточка-сделки'],
      ['q=сравнивает', '/scripts/objection-expensive/#уточните-с-чем-сравнивает'],
      // A question in plain words: no page has «как», the answer is still first.
      ['q=как ответить на заявку', '/docs/lead-handling/#сроки-ответа'],
      ['q=конверсия', '/roles/manager/#kpis'],
    ];
    for (const [params, expected] of cases) {
      await page.goto(`/search?${params}`);
      expect(await firstResult(page), params).toBe(expected);
    }
    // Navigation, footers and buttons are not indexed: the ack button's words find nothing.
    await page.goto('/search?q=Ознакомлен');
    await expect(page.getByRole('status')).toHaveText('По запросу «Ознакомлен» ничего не нашлось.');
    await page.goto('/search?q=стандарты и обучение отдела продаж');
    await expect(page.locator('.search-result')).toHaveCount(0);
  });

  test('opens search with "/", moves through results with the arrows and opens the heading with Enter', async ({ page }) => {
    await page.goto('/');
    await searchReady(page);
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog', { name: 'Поиск по книге продаж' });
    await expect(dialog).toBeVisible();
    const box = dialog.getByRole('searchbox', { name: 'Что найти' });
    await expect(box).toBeFocused();
    await box.pressSequentially('возраж');
    const results = dialog.getByRole('list', { name: 'Результаты поиска' });
    await expect(results.getByRole('link').first()).toContainText('Возражение «дорого»');
    await expect(dialog.locator('mark').first()).toHaveText('Возражение');
    await expectNoSeriousA11yViolations(page);

    await box.fill('ночью');
    await expect(results.getByRole('link').first()).toHaveText('Регламент обработки входящих заявок › Если заявка пришла ночью');
    await page.keyboard.press('ArrowDown');
    await expect(results.getByRole('link').first()).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(box).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/docs\/lead-handling\/#/);
    await expect(page.getByRole('heading', { name: 'Если заявка пришла ночью' })).toBeInViewport();
    await expect(dialog).toBeHidden();

    // Ctrl+K opens it too, and Escape closes it.
    await searchReady(page);
    await page.keyboard.press('Control+k');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('on a 360 px phone the dialog and the search page fit the screen', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/docs/');
    await searchReady(page);
    await page.getByRole('link', { name: 'Поиск' }).click();
    const dialog = page.getByRole('dialog', { name: 'Поиск по книге продаж' });
    await dialog.getByRole('searchbox').fill('премия');
    await expect(dialog.locator('.search-result').first()).toBeVisible();
    const size = await dialog.boundingBox();
    expect(size!.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.goto('/search?q=премия');
    await expect(page.locator('.search-result').first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const button = await page.getByRole('button', { name: 'Найти' }).boundingBox();
    expect(button!.x + button!.width).toBeLessThanOrEqual(360 - 8);
  });

  test('never sees a draft or an archived document, in results or in the bundle', async ({ page }) => {
    await page.goto('/search?q=скидка');
    await expect(page.getByRole('status')).toHaveText('По запросу «скидка» ничего не нашлось.');
    await page.goto('/search?q=прайс-лист');
    await expect(page.getByRole('status')).toHaveText('По запросу «прайс-лист» ничего не нашлось.');
    // The heads' index is not theirs, and nothing in their own index mentions the draft.
    expect((await page.request.get('/pagefind/heads/pagefind-entry.json')).status()).toBe(404);
    expect((await page.request.get('/pagefind/heads/pagefind.js')).status()).toBe(404);
    const fragments = bundleUrls().filter((url) => url.startsWith('/pagefind/staff/fragment/'));
    expect(fragments.length).toBeGreaterThan(0);
    for (const url of fragments) {
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(200);
      const text = gunzipSync(await response.body()).toString('utf8');
      expect(text).not.toContain('price-discounts');
      expect(text).not.toContain('old-price-order');
    }
  });

  test('cannot climb out of the bundle folder', async ({ page }) => {
    await page.goto('/');
    for (const path of [
      '/pagefind/staff/%2e%2e/heads/pagefind-entry.json',
      '/pagefind/staff/..%2f..%2fserver%2fentry.mjs',
      '/pagefind/staff/%252e%252e/%252e%252e/salesbook-build.json',
      '/pagefind/staff/fragment/..%5c..%5c..%5cserver%5centry.mjs',
    ]) {
      expect([400, 404], path).toContain(await rawGet(page, path));
    }
    expect(await rawGet(page, '/pagefind/staff/pagefind-entry.json')).toBe(200);
    expect(await rawGet(page, '/pagefind/staff/pagefind-ui.js')).toBe(404);
  });

  test('with no results, is offered to drop the filters, and a query with none is recorded without a name', async ({ page }) => {
    await page.goto('/search?q=ночью&type=script');
    await expect(page.getByRole('status')).toHaveText('С выбранными фильтрами ничего не нашлось.');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Искать без фильтров' }).click();
    expect(await firstResult(page)).toBe('/docs/lead-handling/#если-заявка-пришла-ночью');
    await expect(page).toHaveURL('/search?q=%D0%BD%D0%BE%D1%87%D1%8C%D1%8E');
    await expect(page.getByRole('checkbox', { name: 'Скрипты' })).not.toBeChecked();

    const recorded = page.waitForResponse((r) => r.url().includes('/_actions/recordSearchGap'));
    await searchReady(page, 'SearchPage');
    await page.getByRole('searchbox', { name: 'Что найти' }).fill('Тендерная  документация');
    await expect(page.getByRole('status')).toHaveText('По запросу «Тендерная  документация» ничего не нашлось.');
    await expect(page.getByText('Проверьте написание или попробуйте другое слово.')).toBeVisible();
    expect((await recorded).status()).toBe(200);
    // Shareable: the address holds the query.
    await expect(page).toHaveURL(/\/search\?q=%D0%A2%D0%B5%D0%BD%D0%B4%D0%B5%D1%80/);
    // Nobody but heads sees the list.
    expect((await page.goto('/admin/search-gaps/'))?.status()).toBe(404);
  });

  test('without JavaScript, the search page lists the results on pages whose links keep the query and filters', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: false, locale: 'ru-RU' });
    const page = await context.newPage();
    await signIn(page, 'trainee2');
    await page.goto('/search?q=памятка&type=doc&kind=guide');
    await expect(page.getByRole('searchbox', { name: 'Что найти' })).toHaveValue('памятка');
    await expect(page.getByRole('checkbox', { name: 'Документы' })).toBeChecked();
    await expect(page.getByText('Найдено: 12')).toBeVisible();
    const results = page.getByRole('list', { name: 'Результаты поиска' });
    await expect(results.getByRole('listitem')).toHaveCount(10);
    const pager = page.getByRole('navigation', { name: 'Страницы результатов' });
    await expect(pager).toContainText('Страница 1 из 2');
    await pager.getByRole('link', { name: 'Страница 2' }).click();
    const second = new URL(page.url());
    expect(second.pathname).toBe('/search');
    expect(second.searchParams.get('q')).toBe('памятка');
    expect(second.searchParams.getAll('type')).toEqual(['doc']);
    expect(second.searchParams.get('kind')).toBe('guide');
    expect(second.searchParams.get('page')).toBe('2');
    await expect(results.getByRole('listitem')).toHaveCount(2);
    await expect(page.getByText('Найдено: 12')).toBeVisible();
    await expect(pager).toContainText('Страница 2 из 2');
    await expect(pager.getByRole('link', { name: '← Предыдущая' })).toHaveAttribute('href', /^\/search\?q=[^&]+&type=doc&kind=guide$/);
    // A filter still narrows what is counted: scripts hold no memos.
    await page.goto('/search?q=памятка&type=script');
    await expect(page.getByText('С выбранными фильтрами ничего не нашлось.')).toBeVisible();
    await expect(results).toHaveCount(0);
    // A page past the last shows the last one.
    await page.goto('/search?q=памятка&page=7');
    await expect(page.getByRole('navigation', { name: 'Страницы результатов' })).toContainText('Страница 2 из 2');
    await context.close();
  });

  test('counts every result and shows more of them in the dialog and on further pages', async ({ page }) => {
    await page.goto('/');
    await searchReady(page);
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog', { name: 'Поиск по книге продаж' });
    await dialog.getByRole('searchbox', { name: 'Что найти' }).fill('памятка');
    await expect(dialog.getByRole('status')).toHaveText('Найдено: 12');
    const results = dialog.getByRole('list', { name: 'Результаты поиска' });
    await expect(results.getByRole('listitem')).toHaveCount(10);
    await dialog.getByRole('button', { name: 'Показать ещё 2 из 12' }).click();
    await expect(results.getByRole('listitem')).toHaveCount(12);
    await expect(results.locator('.search-result__link').nth(10)).toBeFocused();
    await expect(dialog.getByRole('button', { name: /Показать ещё/ })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // The search page with JavaScript: ten a page, links that keep the search, moved through in place.
    await page.goto('/search?q=памятка&type=doc');
    await searchReady(page, 'SearchPage');
    await expect(page.getByRole('status')).toHaveText('Найдено: 12');
    const list = page.getByRole('list', { name: 'Результаты поиска' });
    await expect(list.getByRole('listitem')).toHaveCount(10);
    await page.getByRole('navigation', { name: 'Страницы результатов' }).getByRole('link', { name: 'Следующая →' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(page).toHaveURL(/\/search\?q=.+&type=doc&page=2$/);
    await page.reload();
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(page.getByRole('navigation', { name: 'Страницы результатов' })).toContainText('Страница 2 из 2');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath('search-page-2.png'), fullPage: true });
  });
});

test.describe('a head of sales', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'head');
  });

  test('finds drafts and archived documents, marked as such', async ({ page }) => {
    await page.goto('/search?q=скидка');
    expect(await firstResult(page)).toBe('/docs/price-discounts/#полномочия-менеджера');
    await expect(page.locator('.search-result').first()).toContainText('Черновик');
    await expect(page.getByText('поиск включает черновики и архивные документы')).toBeVisible();
    await page.goto('/search?q=прайс-лист&status=archived');
    expect(await firstResult(page)).toBe('/docs/old-price-order/');
    expect((await page.request.get('/pagefind/staff/pagefind-entry.json')).status()).toBe(404);
    await expectNoSeriousA11yViolations(page);
  });

  test('sees the most frequent searches that found nothing, and removes one once it is answered', async ({ page, browser }) => {
    // Two people search for the same missing thing; one presses Enter, which records at once.
    for (const login of ['trainee3', 'mentor1']) {
      const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'ru-RU' });
      const other = await context.newPage();
      await signIn(other, login);
      await other.goto('/search');
      await searchReady(other, 'SearchPage');
      const recorded = other.waitForResponse((r) => r.url().includes('/_actions/recordSearchGap'));
      await other.getByRole('searchbox', { name: 'Что найти' }).fill('кофемашина');
      await expect(other.getByRole('status')).toHaveText('По запросу «кофемашина» ничего не нашлось.');
      await other.getByRole('searchbox', { name: 'Что найти' }).press('Enter');
      expect((await recorded).status()).toBe(200);
      await context.close();
    }
    await page.goto('/search');
    await page.getByRole('link', { name: 'Запросы без результатов' }).click();
    await expect(page).toHaveURL('/admin/search-gaps/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Запросы без результатов');
    const row = page.getByRole('row').filter({ hasText: 'кофемашина' });
    await expect(row.getByRole('cell').nth(1)).toHaveText('2');
    await expect(page.locator('table')).not.toContainText('Алексей');
    await expect(page.locator('table')).not.toContainText('trainee');
    await expectNoSeriousA11yViolations(page);

    // Bad input changes nothing and says why.
    const bad = await page.request.post('/_actions/dismissSearchGap', { form: { query: 'к' }, headers: { origin: new URL(page.url()).origin } });
    expect(bad.status()).toBe(400);
    expect(await bad.text()).toContain('Запрос должен быть длиной от 2 до 100 символов.');
    await page.reload();
    await expect(page.getByRole('row').filter({ hasText: 'кофемашина' })).toHaveCount(1);

    await row.getByRole('button', { name: 'Убрать «кофемашина» из списка' }).click();
    await expect(page.getByRole('status')).toHaveText('Запрос «кофемашина» убран из списка.');
    await expect(page.getByRole('row').filter({ hasText: 'кофемашина' })).toHaveCount(0);
  });
});
