import { expect, test, type Browser, type Page } from '@playwright/test';
import { commentDocx, imagesDocx, mergedTableDocx } from '../docx-fixtures';
import { expectNoSeriousA11yViolations } from './axe';
import { signIn } from './session';

// A head keeps a regulation in the browser, from its first draft to its second major version, while
// readers see only what was published. The server serves a copy of the fixture content, and this file
// runs after every other (the "editing" project), since what it publishes stays in that copy.
// The tests run in order: each one builds on what the one before published.
test.describe.configure({ mode: 'serial' });

const TITLE = 'Регламент выставления счетов';
const ID = 'reglament-vystavleniia-schetov';
const FIRST_BODY = '## Сроки\n\nСчёт выставляется в течение 2 часов после согласования заказа.\n\n## Проверка\n\nМенеджер сверяет реквизиты клиента с карточкой в CRM.\n';

/** Replaces the whole text in the Markdown editor, as typing over a selection would. */
async function replaceBody(page: Page, text: string) {
  const editor = page.getByRole('textbox', { name: 'Текст документа (Markdown)' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

/** Waits until the server's preview shows `text`. */
async function previewShows(page: Page, text: string) {
  await expect(page.getByTestId('editor-preview')).toContainText(text, { timeout: 10_000 });
}

async function confirmAs(page: Page, login: string, version: string) {
  await signIn(page, login);
  await page.goto(`/docs/${ID}/`);
  await page.getByRole('button', { name: 'Ознакомлен(а)' }).click();
  await expect(page.locator('#ack')).toContainText(`Вы ознакомились с версией ${version}`);
}

test('a head writes a new regulation from its kind’s outline, previews it, and keeps it as a draft no trainee sees', async ({ page, browser }) => {
  await signIn(page, 'head');
  await page.goto('/admin/docs/');
  await page.getByRole('link', { name: 'Новый документ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Новый документ');
  await page.getByLabel('Название').fill(TITLE);
  await page.getByLabel('Вид документа').selectOption({ label: 'Регламент' });
  await page.getByRole('button', { name: 'Создать черновик' }).click();

  // The address comes from the title, transliterated; the outline of a regulation is in the editor.
  await expect(page).toHaveURL(new RegExp(`/edit/docs/${ID}/$`));
  await expect(page.getByTestId('editor-state')).toHaveText(/^Черновик нового материала \(Ирина Соколова, \d+ \S+ \d{4} г\.\); читатели увидят его после публикации\.$/);
  await expect(page.getByRole('textbox', { name: 'Текст документа (Markdown)' })).toContainText('Порядок действий');
  await expect(page.getByTestId('editor-body')).toBeHidden();

  await page.getByLabel('Кратко (для списков и поиска)').fill('Сроки выставления счёта и проверка реквизитов.');
  await page.getByRole('group', { name: 'Для кого' }).getByLabel('Для всех').uncheck();
  await page.getByRole('group', { name: 'Для кого' }).getByLabel('Менеджер по продажам').check();
  await page.getByRole('group', { name: 'Для кого' }).getByLabel('Стажёр отдела продаж').check();
  await page.getByLabel('Требует подтверждения прочтения').check();
  await replaceBody(page, FIRST_BODY);
  // The toolbar: a callout around a new paragraph, through the same button an author would press.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\nЕсли реквизиты не совпадают, счёт не выставляется.');
  await page.keyboard.press('Shift+Home');
  await page.getByRole('toolbar', { name: 'Оформление текста' }).getByRole('button', { name: 'Предупреждение' }).click();
  await previewShows(page, 'Счёт выставляется в течение 2 часов');
  await expect(page.getByTestId('editor-preview').locator('h2', { hasText: 'Проверка' })).toHaveAttribute('id', 'проверка');
  await expect(page.getByTestId('editor-preview').locator('aside, .callout').filter({ hasText: 'реквизиты не совпадают' })).toHaveCount(1);

  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('editor-saved')).toHaveText('Черновик сохранён (правка 2).');
  await expect(page.getByTestId('editor-problems')).toContainText('Проверка контента пройдена');
  await expect(page.getByRole('textbox', { name: 'Текст документа (Markdown)' })).toContainText('реквизиты не совпадают');
  await expectNoSeriousA11yViolations(page);

  // Not published: the trainee does not find it at its address or in the list.
  const trainee = await browser.newPage();
  await signIn(trainee, 'trainee5');
  expect((await trainee.goto(`/docs/${ID}/`))?.status()).toBe(404);
  await trainee.goto('/docs/');
  await expect(trainee.getByText(TITLE)).toHaveCount(0);
  await trainee.close();
});

test('the head publishes it: the first version goes into effect and the trainee reads and confirms it', async ({ page, browser }) => {
  await signIn(page, 'head');
  await page.goto('/admin/docs/');
  await page.getByTestId('drafts').getByRole('link', { name: TITLE }).click();
  await page.getByTestId('editor-publish').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Публикация: ${TITLE}`);
  await expect(page.getByText('Первая публикация: версия 1.0')).toBeVisible();
  await expect(page.getByLabel('Ввести в действие')).toBeChecked();
  await page.getByTestId('publish-go').click();
  await expect(page).toHaveURL(new RegExp(`/docs/${ID}/\\?published=1\\.0$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);

  const trainee = await browser.newPage();
  // No restart and no build: the next request already sees the document.
  await confirmAs(trainee, 'trainee5', '1.0');
  await expect(trainee.getByRole('heading', { name: 'Проверка' })).toBeVisible();
  await trainee.close();
});

test('a head edits it into a major version with a change-log line; the trainee is asked to read again and sees what changed', async ({ page, browser }) => {
  await signIn(page, 'head');
  await page.goto(`/docs/${ID}/`);
  await page.getByRole('link', { name: 'Редактировать' }).click();
  await expect(page).toHaveURL(new RegExp(`/edit/docs/${ID}/$`));
  await expect(page.getByTestId('editor-state')).toHaveText('Черновика нет: вы правите опубликованную версию 1.0. Сохранение создаст черновик.');
  const editor = page.getByRole('textbox', { name: 'Текст документа (Markdown)' });
  await expect(editor).toContainText('в течение 2 часов');
  await replaceBody(page, FIRST_BODY.replace('в течение 2 часов', 'в течение 1 часа'));
  await previewShows(page, 'в течение 1 часа');
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('editor-saved')).toBeVisible();

  // Saved, not published: readers still get 1.0.
  const trainee = await browser.newPage();
  await signIn(trainee, 'trainee5');
  await trainee.goto(`/docs/${ID}/`);
  await expect(trainee.locator('main')).toContainText('в течение 2 часов');
  await expect(trainee.getByTestId('reader-changes')).toHaveCount(0);

  await page.getByTestId('editor-publish').click();
  const diff = page.getByTestId('text-diff');
  await expect(diff.locator('del').filter({ hasText: '2 часов' })).toHaveCount(1);
  await expect(diff.locator('ins').filter({ hasText: '1 часа' })).toHaveCount(1);
  await page.getByLabel(/Новая версия 2\.0/).check();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('publish.png'), fullPage: true });
  await page.getByTestId('publish-go').click();
  // A major version without a change-log line is refused, and nothing was published.
  await expect(page.getByTestId('publish-error')).toHaveText('Для новой версии нужна строка журнала изменений: что изменилось.');
  await page.getByLabel(/Новая версия 2\.0/).check();
  await page.getByLabel('Что изменилось (строка журнала изменений)').fill('Счёт выставляется в течение часа.');
  await page.getByTestId('publish-go').click();
  await expect(page).toHaveURL(new RegExp(`/docs/${ID}/\\?published=2\\.0$`));

  // Within the time the portal promises (it is the next request here): the new version, asked again.
  await expect(async () => {
    await trainee.goto(`/docs/${ID}/`);
    await expect(trainee.getByTestId('reader-changes')).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  const panel = trainee.getByTestId('reader-changes');
  await expect(panel).toContainText('Вы подтверждали версию 1.0. С тех пор документ обновился до версии 2.0');
  await expect(panel.getByRole('listitem').first()).toContainText('Счёт выставляется в течение часа.');
  await expect(panel.getByTestId('text-diff').locator('ins').filter({ hasText: '1 часа' })).toHaveCount(1);
  await trainee.getByRole('button', { name: 'Ознакомлен(а)' }).click();
  await expect(trainee.locator('#ack')).toContainText('Вы ознакомились с версией 2.0');
  await trainee.close();

  await page.goto(`/docs/${ID}/sheet/`);
  await expect(page.getByTestId('sheet').locator('tr[data-login="trainee5"] td').nth(2)).toHaveText('2.0');
});

test('an edit the content check refuses is never published, and readers keep the version in effect', async ({ page, browser }) => {
  await signIn(page, 'head');
  await page.goto(`/edit/docs/${ID}/`);
  // Unsafe MDX is refused when saving, with where it is.
  await replaceBody(page, `${FIRST_BODY}\n<script>alert(1)</script>\n`);
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('editor-error')).toContainText('Строка 9');
  await expect(page.getByTestId('editor-error')).toContainText('элемент <script> не допускается');
  await expect(page.getByTestId('editor-state')).toContainText('Черновика нет');

  // A link to a document that does not exist passes the safety check and fails the content check:
  // the draft is kept, the problem is shown, and publishing is refused with the same message.
  await page.goto(`/edit/docs/${ID}/`);
  await replaceBody(page, `${FIRST_BODY}\nСм. [порядок скидок](/docs/net-takogo-dokumenta/).\n`);
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('editor-saved')).toBeVisible();
  await expect(page.getByTestId('editor-problems')).toContainText('net-takogo-dokumenta');
  await page.getByTestId('editor-publish').click();
  await page.getByTestId('publish-go').click();
  await expect(page.getByTestId('publish-refused')).toContainText('Публикация остановлена');
  await expect(page.getByTestId('publish-refused')).toContainText('net-takogo-dokumenta');

  const trainee = await browser.newPage();
  await signIn(trainee, 'trainee5');
  await trainee.goto(`/docs/${ID}/`);
  await expect(trainee.locator('main')).toContainText('в течение 1 часа');
  await expect(trainee.locator('main')).not.toContainText('порядок скидок');
  await expect(trainee.locator('#ack')).toContainText('Вы ознакомились с версией 2.0');
  await trainee.close();

  await page.goto(`/edit/docs/${ID}/`);
  await page.getByRole('button', { name: 'Удалить черновик' }).click();
  await expect(page.getByTestId('editor-state')).toContainText('Черновика нет');
});

/** Adds a second head through the people page and signs them in with a password of their own. */
async function secondHead(head: Page, browser: Browser): Promise<Page> {
  await head.goto('/admin/people/');
  const form = head.locator('form').filter({ has: head.getByRole('button', { name: 'Добавить сотрудника' }) });
  await form.getByLabel('Логин').fill('head2');
  await form.getByLabel('Имя и фамилия').fill('Павел Титов');
  await form.getByLabel('Права в портале').selectOption('head');
  await form.getByLabel('Должность').selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Добавить сотрудника' }).click();
  const password = (await head.getByTestId('temporary-password').getByTestId('password').textContent())!.trim();
  const page = await (await browser.newContext()).newPage();
  await signIn(page, 'head2', password);
  await page.getByLabel('Текущий пароль').fill(password);
  await page.getByLabel('Новый пароль', { exact: true }).fill('Прайс-лист-2027');
  await page.getByLabel('Новый пароль ещё раз').fill('Прайс-лист-2027');
  await page.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(page.getByTestId('password-saved')).toHaveText('Пароль изменён.');
  return page;
}

test('two heads editing the same document: the second save gets the conflict screen, and both texts are kept', async ({ page, browser }) => {
  await signIn(page, 'head');
  const other = await secondHead(page, browser);
  // Both open the editor on the same published version.
  await page.goto(`/edit/docs/${ID}/`);
  await other.goto(`/edit/docs/${ID}/`);
  await replaceBody(page, FIRST_BODY.replace('в течение 2 часов', 'в течение 1 часа').replace('с карточкой в CRM', 'с договором'));
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('editor-saved')).toBeVisible();

  await replaceBody(other, FIRST_BODY.replace('в течение 2 часов', 'в течение 30 минут'));
  await other.getByTestId('editor-save').click();
  const conflict = other.getByTestId('editor-conflict');
  await expect(conflict.getByRole('heading')).toHaveText('Пока вы правили, черновик изменили');
  await expect(conflict).toContainText('ваш текст сохранён отдельной копией');
  await expect(conflict.getByTestId('text-diff').locator('ins').filter({ hasText: '30 минут' })).toHaveCount(1);
  await expect(conflict.getByTestId('text-diff').locator('del').filter({ hasText: 'договором' })).toHaveCount(1);
  await expectNoSeriousA11yViolations(other);
  await other.screenshot({ path: test.info().outputPath('editor-conflict.png'), fullPage: true });

  // Nothing lost: the first head's draft is as they saved it, and the second head's text is a kept copy.
  await expect(other.getByRole('textbox', { name: 'Текст документа (Markdown)' })).toContainText('с договором');
  await other.getByTestId('editor-conflict').getByRole('link', { name: 'Взять мой текст' }).click();
  await expect(other.getByRole('textbox', { name: 'Текст документа (Markdown)' })).toContainText('в течение 30 минут');
  await page.goto(`/edit/docs/${ID}/`);
  await expect(page.getByTestId('editor-copies')).toContainText('Копия Павел Титов');
  await expect(page.getByRole('textbox', { name: 'Текст документа (Markdown)' })).toContainText('с договором');
  await other.context().close();
});

test('the editor at 1280 px and 360 px, light and dark', async ({ page }) => {
  await signIn(page, 'head');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/edit/docs/${ID}/`);
      await expect(page.getByRole('toolbar', { name: 'Оформление текста' })).toBeVisible();
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: test.info().outputPath(`editor-${width}-${scheme}.png`), fullPage: true });
    }
    await expectNoSeriousA11yViolations(page);
  }
});

test('a head imports three Word files at once, reads the report, edits one draft and publishes it; a trainee finds it in search', async ({ page, browser }) => {
  await signIn(page, 'head');
  await page.goto('/admin/docs/');
  await page.getByTestId('import-docs').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Импорт из Word');
  await expectNoSeriousA11yViolations(page);
  const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  await page.getByLabel('Файлы Word (.docx)').setInputFiles([
    { name: 'Схема воронки.docx', mimeType: docx, buffer: await imagesDocx() },
    { name: 'Ответственность.docx', mimeType: docx, buffer: await mergedTableDocx() },
    { name: 'Сроки.docx', mimeType: docx, buffer: await commentDocx() },
  ]);
  await page.getByRole('button', { name: 'Загрузить' }).click();

  const results = page.getByTestId('import-results');
  await expect(results.getByRole('heading', { level: 2 })).toHaveText('Черновиков создано: 3 из 3');
  await expect(results).toContainText('Ничего не опубликовано');
  const table = results.locator('[data-file="Ответственность.docx"]');
  await expect(table).toContainText('Объединённые ячейки таблиц: 2');
  await expect(results.locator('[data-file="Сроки.docx"]')).toContainText('Примечания на полях: 1');
  const scheme = results.locator('[data-file="Схема воронки.docx"]');
  await expect(scheme).toContainText('Изображений: 2.');
  await expect(scheme).toContainText('Рисунки, которые браузер не покажет');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('import-report.png'), fullPage: true });

  // The draft opens in the editor with its report and its picture; the head adds a sentence.
  await scheme.getByRole('link', { name: 'Открыть в редакторе' }).click();
  await expect(page.getByTestId('editor-import')).toContainText('Импортировано из файла «Схема воронки.docx»');
  const picture = page.getByTestId('editor-preview').locator('img').first();
  await expect(picture).toBeVisible();
  expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const editor = page.getByRole('textbox', { name: 'Текст документа (Markdown)' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\n\nЛиды в воронке помечаются цветом светофора.\n');
  await previewShows(page, 'цветом светофора');
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('editor-saved')).toBeVisible();
  await page.getByTestId('editor-publish').click();
  await expect(page.getByLabel('Ввести в действие')).toBeChecked();
  await page.getByTestId('publish-go').click();
  await expect(page).toHaveURL(/\/docs\/skhema-voronki\/\?published=1\.0$/);

  // The trainee reads it with its picture, and finds it in search once the index has caught up.
  const trainee = await (await browser.newContext()).newPage();
  await signIn(trainee, 'trainee5');
  await trainee.goto('/docs/skhema-voronki/');
  await expect(trainee.getByRole('heading', { level: 1 })).toHaveText('Схема воронки');
  const shown = trainee.locator('main img').first();
  await expect(shown).toBeVisible();
  expect(await shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(async () => {
    await trainee.goto('/search?q=светофора');
    await expect(trainee.locator('.search-result__link').first()).toHaveAttribute('href', /\/docs\/skhema-voronki\//, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await trainee.context().close();
});
