import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { signIn } from './session';
import { answerFinalQuiz, forgeStart } from './final-quiz';

// A head publishes a new major version of the inbound-lead regulation that changes one of its
// sections. The trainee's sign-off tied to that section goes to recheck, with the section named; the
// one tied to another section of the same document holds; the page that asks them to read the
// document again points at that section; and a new trainee who passed the final quiz on version 2.0
// answers again only its question on that section. It publishes into the served copy of the fixture content, so
// it runs with the editing tests, after every other file (playwright.config.ts).
test.describe.configure({ mode: 'serial' });

const CRM_SKILL = 'Заполняет карточку сделки';
const CALL_SKILL = 'Принимает входящий звонок по скрипту';
const SECTION = 'Что записать в CRM';
// The fixture's text of version 2.0 with one section changed.
const BODY_3_0 = [
  '## Сроки ответа',
  '',
  'Менеджер отвечает на заявку с сайта в течение **15 минут** в рабочее время.',
  '',
  '### Если заявка пришла ночью',
  '',
  'Ответ до 10:00 следующего рабочего дня.',
  '',
  `## ${SECTION}`,
  '',
  'Источник заявки, потребность клиента, бюджет и дату следующего шага.',
  '',
].join('\n');

/** The card of one checklist item on a checklist or skills page. */
const skill = (page: Page, title: string) => page.getByTestId('skill').filter({ has: page.getByRole('heading', { name: title }) });

/** The head passes one of trainee2's skills on their skills page, whatever was decided before. */
async function pass(page: Page, title: string) {
  await page.goto('/team/trainee2/skills/');
  const card = skill(page, title);
  await card.locator('summary').filter({ hasText: 'Оценить навык' }).click();
  // The form is an island: what is chosen before it is live would be lost when it hydrates.
  await expect(card.locator('astro-island')).not.toHaveAttribute('ssr');
  await card.getByRole('group', { name: 'Решение' }).getByLabel('Зачтено').check();
  await card.getByRole('group', { name: 'Оценка от 1 до 5' }).getByLabel('5', { exact: true }).check();
  await card.getByRole('button', { name: 'Сохранить оценку' }).click();
  await expect(card.getByRole('status')).toHaveText('✓ Оценка сохранена: Зачтено.');
  await expect(card.getByTestId('skill-state')).toHaveText('Зачтено');
}

// A trainee of their own, so that what other files did with the demo people's quizzes does not matter.
const NEWCOMER = { login: 'trainee9', name: 'Анна Белова', password: 'Входящие-заявки-2027' };

/** Signs the newcomer in with the password they chose. */
const signInNewcomer = (page: Page) => signIn(page, NEWCOMER.login, NEWCOMER.password);

/** Replaces the whole text in the Markdown editor, as typing over a selection would. */
async function replaceBody(page: Page, text: string) {
  const editor = page.getByRole('textbox', { name: 'Текст документа (Markdown)' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

test('a new trainee finishes the course and passes its final quiz while the regulation is at 2.0', async ({ page, browser }) => {
  test.setTimeout(60_000);
  await signIn(page, 'head');
  await page.goto('/admin/people/');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Добавить сотрудника' }) });
  await form.getByLabel('Логин').fill(NEWCOMER.login);
  await form.getByLabel('Имя и фамилия').fill(NEWCOMER.name);
  await form.getByLabel('Права в портале').selectOption('employee');
  await form.getByLabel('Должность').selectOption({ label: 'Стажёр отдела продаж' });
  await form.getByRole('button', { name: 'Добавить сотрудника' }).click();
  const temporary = (await page.getByTestId('temporary-password').getByTestId('password').textContent())!.trim();

  const trainee = await (await browser.newContext()).newPage();
  await signIn(trainee, NEWCOMER.login, temporary);
  await trainee.getByLabel('Текущий пароль').fill(temporary);
  await trainee.getByLabel('Новый пароль', { exact: true }).fill(NEWCOMER.password);
  await trainee.getByLabel('Новый пароль ещё раз').fill(NEWCOMER.password);
  await trainee.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(trainee.getByTestId('password-saved')).toHaveText('Пароль изменён.');
  for (const lesson of ['first-contact', 'crm']) {
    await trainee.goto(`/courses/basics/${lesson}/`);
    await trainee.getByRole('button', { name: 'Отметить урок пройденным' }).click();
    await expect(trainee.getByRole('button', { name: 'Отметить урок пройденным' })).toHaveCount(0);
  }
  await trainee.goto('/quizzes/basics-final/');
  await trainee.getByRole('button', { name: 'Начать тест' }).click();
  await answerFinalQuiz(trainee, 'right');
  await trainee.getByRole('button', { name: 'Отправить ответы' }).click();
  await expect(trainee.getByRole('heading', { name: 'Результат: 100 %' })).toBeVisible();
  await expect(trainee.getByText('Тест сдан: 100 %.')).toBeVisible();
  await trainee.context().close();
});

test('a major version that changes one section reopens only the sign-off tied to it, and the trainee sees which section to reread', async ({ page, browser }) => {
  await signIn(page, 'head');
  await pass(page, CALL_SKILL);
  await pass(page, CRM_SKILL);

  const trainee = await (await browser.newContext()).newPage();
  await signIn(trainee, 'trainee2');
  await trainee.goto('/docs/lead-handling/');
  await expect(trainee.locator('#ack')).toContainText('Вы ознакомились с версией 2.0');

  // The head changes the CRM section only, and publishes it as version 3.0.
  await page.goto('/edit/docs/lead-handling/');
  const editor = page.getByRole('textbox', { name: 'Текст документа (Markdown)' });
  await expect(editor).toContainText('Источник заявки, потребность клиента и дату следующего шага.');
  await replaceBody(page, BODY_3_0);
  await expect(page.getByTestId('editor-preview')).toContainText('бюджет', { timeout: 10_000 });
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('editor-saved')).toBeVisible();
  await page.getByTestId('editor-publish').click();
  await page.getByLabel(/Новая версия 3\.0/).check();
  await page.getByLabel('Что изменилось (строка журнала изменений)').fill('В карточку сделки записывается бюджет клиента.');
  await page.getByTestId('publish-go').click();
  await expect(page).toHaveURL(/\/docs\/lead-handling\/\?published=3\.0$/);

  // The trainee's checklist: only the skill tied to the changed section is to be confirmed again.
  await expect(async () => {
    await trainee.goto('/checklists/trainee-skills/');
    await expect(skill(trainee, CRM_SKILL).getByTestId('skill-state')).toHaveText('Нужно подтвердить снова', { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  const crm = skill(trainee, CRM_SKILL);
  await expect(crm.getByTestId('recheck-reason')).toHaveText(`Раздел «${SECTION}» изменён в версии 3.0 документа «Регламент обработки входящих заявок».`);
  await expect(crm.getByRole('button', { name: 'Попросить проверить снова' })).toBeVisible();
  const call = skill(trainee, CALL_SKILL);
  await expect(call.getByTestId('skill-state')).toHaveText('Зачтено');
  await expect(call.getByTestId('recheck-reason')).toHaveCount(0);
  await expect(call.getByRole('button', { name: /Попросить/ })).toHaveCount(0);
  await expect(trainee.getByTestId('skill-progress')).toHaveText('Зачтено 1 из 2');
  await expectNoSeriousA11yViolations(trainee);

  // Asked to read the document again, they see the changed section listed and marked in the comparison.
  await trainee.goto('/docs/lead-handling/');
  const panel = trainee.getByTestId('reader-changes');
  await expect(panel).toContainText('Вы подтверждали версию 2.0. С тех пор документ обновился до версии 3.0');
  const sections = panel.getByTestId('changed-sections');
  await expect(sections.getByRole('listitem')).toHaveText([`${SECTION} — раздел изменён`]);
  await expect(sections.getByRole('link', { name: SECTION })).toHaveAttribute('href', '#что-записать-в-crm');
  const marked = panel.getByTestId('text-diff').locator('[data-section-mark]');
  await expect(marked).toHaveCount(1);
  await expect(marked).toContainText(SECTION);
  await expect(marked).toContainText('раздел изменён');
  await expect(panel.getByTestId('text-diff').locator('ins').filter({ hasText: 'бюджет' })).toHaveCount(1);
  await expectNoSeriousA11yViolations(trainee);
  await trainee.screenshot({ path: test.info().outputPath('reader-changes-sections.png'), fullPage: true });
  await sections.getByRole('link', { name: SECTION }).click();
  await expect.poll(() => decodeURI(trainee.url())).toMatch(/#что-записать-в-crm$/);

  // The head reads the same on the trainee's page.
  await page.goto('/team/trainee2/');
  await expect(page.getByTestId('level3')).toContainText('На перепроверке: 1.');
  await expect(page.getByTestId('level3-recheck')).toHaveText(`${CRM_SKILL}: Раздел «${SECTION}» изменён в версии 3.0 документа «Регламент обработки входящих заявок».`);

  // The trainee asks for the recheck; their mentor's queue says why it is asked.
  await trainee.goto('/checklists/trainee-skills/');
  await skill(trainee, CRM_SKILL).getByLabel('Комментарий для наставника').fill('перепроверка карточки');
  await skill(trainee, CRM_SKILL).getByRole('button', { name: 'Попросить проверить снова' }).click();
  await expect(skill(trainee, CRM_SKILL).getByTestId('skill-state')).toHaveText('Ждёт наставника');
  await trainee.context().close();

  const mentor = await (await browser.newContext()).newPage();
  await signIn(mentor, 'mentor1');
  await mentor.goto('/mentor/');
  const row = mentor.getByTestId('mentor-queue').getByRole('row').filter({ hasText: 'перепроверка карточки' });
  await expect(row.getByTestId('request-recheck')).toHaveText(`Повторная проверка. Раздел «${SECTION}» изменён в версии 3.0 документа «Регламент обработки входящих заявок».`);
  await expectNoSeriousA11yViolations(mentor);
  await mentor.context().close();
});

test('the trainee who passed the final quiz answers again only the question on the changed section', async ({ page }) => {
  await signInNewcomer(page);
  await page.goto('/quizzes/basics-final/');
  const recheck = page.getByTestId('quiz-recheck');
  await expect(recheck).toContainText('Нужна перепроверка.');
  await expect(recheck).toContainText('вопросов: 1');
  await expect(recheck.getByTestId('quiz-recheck-reason')).toHaveText([`Раздел «${SECTION}» изменён в версии 3.0 документа «Регламент обработки входящих заявок».`]);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('quiz-recheck.png'), fullPage: true });

  await page.getByRole('button', { name: 'Пройти перепроверку' }).click();
  const questions = page.locator('fieldset.quiz__question');
  await expect(questions).toHaveCount(1);
  await expect(questions.locator('.quiz__text')).toHaveText('Что нужно записать в CRM по новой заявке?');
  for (const label of ['Источник заявки', 'Потребность клиента']) await questions.getByLabel(label).check();
  await page.getByRole('button', { name: 'Отправить ответы' }).click();
  await expect(page.getByRole('heading', { name: 'Результат: 100 %' })).toBeVisible();
  await expect(page.getByText('Тест сдан: 100 %.')).toBeVisible();

  // Done: the quiz is passed again, and a start sent past the page is refused without a new attempt.
  await page.reload();
  await expect(page.getByTestId('quiz-recheck')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Пройти перепроверку' })).toHaveCount(0);
  expect(await forgeStart(page, 'basics-final')).toEqual({ status: 409, message: 'Тест уже сдан: новая попытка не нужна.' });
  await page.goto(`/team/${NEWCOMER.login}/quizzes/`);
  const rows = page.getByTestId('attempt-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('2 (перепроверка)');
  await expect(rows.nth(1)).toContainText('сдан');
});
