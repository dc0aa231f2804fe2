import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { e2eDataFolder } from './data-folder.mjs';
import { expectNoSeriousA11yViolations } from './axe';
import { serverClock } from './clock';
import { signIn } from './session';
import { answerFinalQuiz, forgeStart, STEPS } from './final-quiz';


test('a trainee takes a course: the final quiz waits for the lessons, a failed quiz, a cooldown, a pass, a complete course, feedback', async ({ page, browser }) => {
  test.setTimeout(90_000);
  // The page's timers run on a clock the test can move, as the server's does.
  await page.clock.install();
  await signIn(page, 'trainee3'); // hired 41 days ago; the course is due within 14 days
  const course = page.getByTestId('path-courses').locator('[data-course="basics"]');
  await page.goto('/');
  await expect(course.locator('.badge').first()).toHaveText('Просрочен');
  await expect(course).toContainText('Пройдено 0 из 3');
  await expect(course.getByRole('link', { name: 'Начать: Первый контакт' })).toBeVisible();
  await expect(page.getByTestId('path-checklists').getByRole('link', { name: 'Практические навыки стажёра' })).toHaveAttribute('href', '/checklists/trainee-skills/');
  await expectNoSeriousA11yViolations(page);

  await course.getByRole('link', { name: 'Основы работы с заявками' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Основы работы с заявками');
  const finalQuiz = page.getByTestId('final-quiz');
  await expect(finalQuiz).toContainText('Итоговый тест по основам — не начат · осталось попыток: 3');
  // The final quiz waits for the lessons: no way in, only the lessons left.
  await expect(finalQuiz.getByRole('link', { name: 'Перейти к тесту' })).toHaveCount(0);
  await expect(finalQuiz.getByTestId('quiz-locked')).toContainText('Тест откроется, когда будут пройдены все уроки курса.');
  await expect(finalQuiz.getByTestId('quiz-locked').getByRole('link')).toHaveText(['Первый контакт', 'Заявка в CRM']);
  // The course's checklist, with where the trainee stands on each skill.
  const checklist = page.getByTestId('course-checklist');
  await expect(checklist.getByRole('link', { name: 'Практические навыки стажёра' })).toHaveAttribute('href', '/checklists/trainee-skills/');
  await expect(checklist.getByTestId('course-skill')).toHaveText([/Принимает входящий звонок по скрипту\s*Не запрошено/, /Заполняет карточку сделки\s*Не запрошено/]);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/course-locked-1280.png', fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: 'test-results/course-locked-360.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Opening the quiz itself says the same, and the server refuses a start sent past the page.
  await page.goto('/quizzes/basics-final/');
  await expect(page.getByTestId('quiz-locked')).toContainText('Итоговый тест курса «Основы работы с заявками» откроется, когда будут пройдены все его уроки. Осталось:');
  await expect(page.getByRole('button', { name: 'Начать тест' })).toHaveCount(0);
  expect(await forgeStart(page, 'basics-final')).toEqual({
    status: 403,
    message: 'Итоговый тест курса «Основы работы с заявками» откроется, когда будут пройдены все его уроки. Осталось: «Первый контакт», «Заявка в CRM».',
  });
  await page.goto('/courses/basics/');

  // Two lessons, each marked done; the quiz opens with the last.
  await page.getByRole('link', { name: 'Начать: Первый контакт' }).click();
  await page.getByRole('button', { name: 'Отметить урок пройденным' }).click();
  await expect(page).toHaveURL(/\/courses\/basics\/first-contact\/#done$/);
  await expect(page.locator('#done')).toContainText('Урок пройден');
  await expect(page.getByRole('button', { name: 'Отметить урок пройденным' })).toHaveCount(0);
  await page.getByRole('link', { name: /Следующий урок/ }).click();
  await expect(page.getByTestId('quiz-locked').getByRole('link')).toHaveText(['Заявка в CRM']);
  expect((await forgeStart(page, 'basics-final')).message).toMatch(/Осталось: «Заявка в CRM»\.$/);
  await page.getByRole('button', { name: 'Отметить урок пройденным' }).click();
  await expect(page.locator('#done')).toContainText('Урок пройден');
  await expect(page.getByRole('heading', { name: 'Тест к уроку: Итоговый тест по основам' })).toBeVisible();
  await expect(page.getByTestId('quiz-locked')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Начать тест' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.goto('/courses/basics/');
  await expect(page.locator('.lesson--done')).toHaveCount(2);
  await expect(page.getByTestId('course-status')).toContainText('Пройдено 2 из 3');
  await page.getByRole('link', { name: 'Перейти к тесту' }).click();
  await expect(page).toHaveURL(/\/quizzes\/basics-final\/$/);

  // A failed attempt with a question left unanswered: the page asks first, and goes back if told to.
  await page.getByRole('button', { name: 'Начать тест' }).click();
  await answerFinalQuiz(page, 'wrong');
  await expect(page.getByText('Отвечено: 4 из 5')).toBeVisible();
  await page.getByRole('button', { name: 'Отправить ответы' }).click();
  const confirm = page.getByRole('group', { name: /^Без ответа: 1\./ });
  await expect(confirm.getByText('Без ответа: 1. Вопрос без ответа не приносит баллов. Отправить ответы как есть?')).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await confirm.screenshot({ path: 'test-results/quiz-confirm-360.png' });
  await page.setViewportSize({ width: 1280, height: 720 });
  await confirm.getByRole('button', { name: 'Вернуться к вопросам' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^Результат/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Отправить ответы' }).click();
  await confirm.getByRole('button', { name: 'Отправить как есть' }).click();
  // The result comes with the trainee's own answers and explanations, but no right answers yet, then a cooldown.
  await expect(page.getByRole('heading', { name: 'Результат: 0 %' })).toBeFocused();
  await expect(page.getByText('Тест не сдан: нужно набрать 70 %.')).toBeVisible();
  await expect(page.getByText('Верные ответы будут показаны, когда тест будет сдан. Пока — ваши ответы, баллы и пояснения.')).toBeVisible();
  const reviewed = (start: string) => page.locator('.quiz__review > li').filter({ hasText: start });
  await expect(reviewed('За какое время').getByRole('definition')).toHaveText(['1 день']);
  await expect(reviewed('Расставьте шаги').getByRole('definition')).toHaveText(['нет ответа']);
  await expect(reviewed('Расставьте шаги')).toContainText('Нет ответа');
  await expect(page.getByText('Верный ответ')).toHaveCount(0);
  await expect(page.getByText('Регламент требует первого ответа в течение 15 минут.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Перечитать: Регламент обработки входящих заявок' }).first()).toBeVisible();
  await expect(page.getByText(/Новая попытка будет доступна через 0:0\d\./)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The cooldown (5 s in tests) runs out on the server's clock and the page's; the second attempt passes.
  const retry = page.getByRole('button', { name: 'Начать новую попытку' });
  await expect(retry).toHaveCount(0);
  serverClock.advance(6_000);
  await page.clock.fastForward(6_000);
  await expect(retry).toBeEnabled();
  await retry.click();
  await answerFinalQuiz(page, 'partly');
  await page.getByRole('button', { name: 'Отправить ответы' }).click();
  await expect(page.getByRole('heading', { name: 'Результат: 90 %' })).toBeVisible();
  await expect(page.getByText('Тест сдан. Проходной балл — 70 %.')).toBeVisible();
  await expect(page.getByText('Тест сдан: 90 %.')).toBeVisible();
  // Passed: the review puts each answer beside the right one, with the points of a partly right one.
  await expect(page.getByText('Верные ответы будут показаны')).toHaveCount(0);
  const partly = reviewed('Что нужно записать');
  await expect(partly.locator('.badge')).toHaveText('Частично верно');
  await expect(partly.getByRole('term')).toHaveText(['Ваш ответ', 'Верный ответ']);
  await expect(partly.getByRole('definition').first()).toHaveText('Источник заявки');
  await expect(partly.getByRole('definition').last()).toHaveText(/^(Источник заявки; Потребность клиента|Потребность клиента; Источник заявки)$/);
  await expect(partly).toContainText('Баллы: 0,5 из 1');
  await expect(reviewed('Маржа').getByRole('definition')).toHaveText(['40 000 ₽', '40 000 ₽']);
  await expect(reviewed('Расставьте шаги').getByRole('definition')).toHaveText([STEPS.join(' → '), STEPS.join(' → ')]);
  await expect(reviewed('Расставьте шаги')).toContainText('Баллы: 1 из 1');
  await expectNoSeriousA11yViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: 'test-results/quiz-review-360.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: 'test-results/quiz-review-1280.png', fullPage: true });

  // The course is complete on My path, with a way to rate it.
  await page.goto('/');
  await expect(course.locator('.badge').first()).toHaveText('Пройден');
  await expect(course).toContainText('Пройдено 3 из 3');
  await expect(course).toContainText('Итоговый тест: сдан, 90 %');
  await course.getByRole('link', { name: 'Оценить курс' }).click();
  await expect(page).toHaveURL(/\/courses\/basics\/#feedback$/);
  await page.getByLabel('5 — очень полезен').check();
  await page.getByLabel('Комментарий (необязательно)').fill('Полезно, особенно про ночные заявки.');
  await page.getByRole('button', { name: 'Отправить оценку' }).click();
  await expect(page.locator('#feedback')).toContainText('Спасибо! Ваша оценка курса: 5 из 5.');
  await expect(page.getByRole('button', { name: 'Отправить оценку' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await page.goto('/');
  await expect(course.getByRole('link', { name: 'Оценить курс' })).toHaveCount(0);

  // The mentor sees both attempts with the answers given; another mentor does not.
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, 'mentor1');
  await mentor.goto('/team/trainee3/quizzes/');
  await expect(mentor.getByRole('heading', { level: 1 })).toHaveText('Тесты: Никита Павлов');
  const rows = mentor.locator('tbody tr').filter({ has: mentor.locator('.badge') });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('0 %');
  await expect(rows.nth(0)).toContainText('не сдан');
  await expect(rows.nth(1)).toContainText('90 %');
  await mentor.getByText('Ответы попытки 2').click();
  await expect(mentor.getByRole('row', { name: /Расставьте шаги/ })).toContainText(STEPS.join(' → '));
  await expectNoSeriousA11yViolations(mentor);
  await mentorContext.close();
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, 'mentor2');
  const denied = await other.goto('/team/trainee3/quizzes/');
  expect(denied?.status()).toBe(404);
  await otherContext.close();
});

/** The audit log's entries of one action, as the end-to-end server wrote them. */
function auditEntries(action: string) {
  return readFileSync(join(e2eDataFolder(), 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { actor: string; action: string; subject: string; details: Record<string, unknown> })
    .filter((entry) => entry.action === action);
}

/** Sends a grant of more attempts through the action from the page, as a forged form would. */
async function forgeGrant(page: Page, userId: string) {
  return page.evaluate(async (userId) => {
    const form = new FormData();
    form.set('userId', userId);
    form.set('quizId', 'basics-final');
    form.set('extra', '5');
    return (await fetch('/_actions/grantQuizAttempts', { method: 'POST', body: form })).status;
  }, userId);
}

test('the mentor and a head give a trainee more attempts, which the trainee uses', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, 'trainee2');
  for (const lesson of ['first-contact', 'crm']) {
    await page.goto(`/courses/basics/${lesson}/`);
    await page.getByRole('button', { name: 'Отметить урок пройденным' }).click();
    await expect(page.locator('#done')).toContainText('Урок пройден');
  }
  // Three attempts sent empty, each confirmed, each after the cooldown (5 s in tests) on the server's clock.
  for (const start of ['Начать тест', 'Начать новую попытку', 'Начать новую попытку']) {
    await page.goto('/quizzes/basics-final/');
    await page.getByRole('button', { name: start }).click();
    await page.getByRole('button', { name: 'Отправить ответы' }).click();
    await page.getByRole('button', { name: 'Отправить как есть' }).click();
    await expect(page.getByRole('heading', { name: 'Результат: 0 %' })).toBeVisible();
    serverClock.advance(6_000);
  }
  await page.goto('/quizzes/basics-final/');
  await expect(page.getByText('Попытки закончились. Лучший результат: 0 %. Обратитесь к наставнику.')).toBeVisible();
  const trainee2 = await page.evaluate(async () => (await fetch('/team/trainee2/export.json')).json() as Promise<{ person: { id: string } }>);
  const traineeId = trainee2.person.id;
  // Nobody gives themself attempts, nor does another trainee's mentor.
  expect(await forgeGrant(page, traineeId)).toBe(403);
  await page.goto('/team/trainee2/quizzes/');
  await expect(page.getByRole('button', { name: 'Добавить попытки' })).toHaveCount(0);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, 'mentor2');
  expect((await other.goto('/team/trainee2/quizzes/'))?.status()).toBe(404);
  expect(await forgeGrant(other, traineeId)).toBe(403);
  await otherContext.close();
  expect(auditEntries('quiz.grantAttempts')).toEqual([]);

  // The mentor goes from the trainee's progress to the attempts, where a bad number is refused beside its field.
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, 'mentor1');
  await mentor.goto('/team/trainee2/');
  await mentor.getByTestId('level2').getByRole('link', { name: 'Итоговый тест по основам' }).click();
  await expect(mentor).toHaveURL(/\/team\/trainee2\/quizzes\/#attempts-basics-final$/);
  const section = mentor.getByTestId('quiz-attempts');
  await expect(section.getByTestId('attempt-allowance')).toHaveText('Использовано попыток: 3 из 3');
  const form = section.getByRole('form', { name: 'Дать ещё попытки' });
  await form.evaluate((element: HTMLFormElement) => (element.noValidate = true));
  await form.getByLabel('Сколько попыток добавить').fill('9');
  await form.getByLabel('Причина (необязательно)').fill('Разобрали ошибки вместе');
  await form.getByRole('button', { name: 'Добавить попытки' }).click();
  await expect(mentor).toHaveURL(/#attempts-basics-final$/);
  const extra = mentor.getByLabel('Сколько попыток добавить');
  await expect(extra).toHaveValue('9');
  await expect(extra).toHaveAttribute('aria-invalid', 'true');
  await expect(extra).toHaveAccessibleDescription('Укажите, сколько попыток добавить: целое число от 1 до 5.');
  await expect(mentor.getByLabel('Причина (необязательно)')).toHaveValue('Разобрали ошибки вместе');
  await expect(section.getByTestId('attempt-allowance')).toHaveText('Использовано попыток: 3 из 3');
  expect(auditEntries('quiz.grantAttempts')).toEqual([]);
  await expectNoSeriousA11yViolations(mentor);
  await mentor.screenshot({ path: 'test-results/grant-refused-1280.png', fullPage: true });
  await extra.fill('1');
  await mentor.getByRole('button', { name: 'Добавить попытки' }).click();
  await expect(section.getByRole('status')).toHaveText('✓ Добавлено попыток: 1.');
  await expect(section.getByTestId('attempt-allowance')).toHaveText('Использовано попыток: 3 из 4');
  await expect(section.getByTestId('grants')).toContainText('Дмитрий Орлов: +1 — «Разобрали ошибки вместе»');
  await mentor.setViewportSize({ width: 360, height: 740 });
  await mentor.screenshot({ path: 'test-results/grant-360.png', fullPage: true });
  await mentorContext.close();

  // A head gives one more, to anyone.
  const headContext = await browser.newContext();
  const head = await headContext.newPage();
  await signIn(head, 'head');
  await head.goto('/team/trainee2/quizzes/');
  await head.getByRole('button', { name: 'Добавить попытки' }).click();
  await expect(head.getByTestId('attempt-allowance')).toHaveText('Использовано попыток: 3 из 5');
  await headContext.close();
  const entries = auditEntries('quiz.grantAttempts');
  expect(entries).toHaveLength(2);
  expect(entries[0]).toMatchObject({ subject: `user:${traineeId}`, details: { quizId: 'basics-final', extra: 1, note: 'Разобрали ошибки вместе' } });
  expect(entries[1]).toMatchObject({ subject: `user:${traineeId}`, details: { quizId: 'basics-final', extra: 1, note: '' } });
  expect(entries[0]!.actor).not.toBe(entries[1]!.actor);

  // The trainee sees the attempts and passes with one of them.
  await page.goto('/quizzes/basics-final/');
  await expect(page.getByRole('list', { name: 'Условия теста' })).toContainText('Попыток: 5, из них дополнительных: 2');
  await expect(page.getByText('Осталось попыток: 2')).toBeVisible();
  await page.getByRole('button', { name: 'Начать новую попытку' }).click();
  await answerFinalQuiz(page, 'right');
  await page.getByRole('button', { name: 'Отправить ответы' }).click();
  await expect(page.getByRole('heading', { name: 'Результат: 100 %' })).toBeVisible();
  await page.goto('/team/trainee2/quizzes/');
  await expect(page.getByTestId('grants')).toContainText('Дмитрий Орлов: +1');
  await expect(page.getByTestId('attempt-allowance')).toHaveText('Использовано попыток: 4 из 5');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true });

  test('the quiz fits the screen, and a reload resumes the attempt with its answers', async ({ page }) => {
    await signIn(page, 'trainee1');
    for (const lesson of ['first-contact', 'crm']) {
      await page.goto(`/courses/basics/${lesson}/`);
      await page.getByRole('button', { name: 'Отметить урок пройденным' }).tap();
      await expect(page.locator('#done')).toContainText('Урок пройден');
    }
    await page.goto('/quizzes/basics-final/');
    await page.getByRole('button', { name: 'Начать тест' }).tap();
    const first = page.locator('fieldset.quiz__question').filter({ hasText: 'За какое время' });
    const saved = page.waitForResponse((r) => r.url().includes('/_actions/saveQuizAnswers') && r.ok());
    await first.getByLabel('1 час', { exact: true }).tap();
    await saved;
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(page);
    await page.reload();
    await expect(page.getByText('Отвечено: 1 из 5')).toBeVisible();
    await expect(first.getByLabel('1 час', { exact: true })).toBeChecked();
    await expect(page.getByRole('button', { name: 'Начать тест' })).toHaveCount(0);
  });
});

test('a timed lesson quiz submits itself when the time runs out', async ({ page }) => {
  await page.clock.install();
  await signIn(page, 'trainee4');
  await page.goto('/courses/basics/first-contact/');
  await expect(page.getByText('Время на попытку: 0,1 мин')).toBeVisible();
  await page.getByRole('button', { name: 'Начать тест' }).click();
  await expect(page.getByRole('timer')).toContainText(/Осталось времени: 0:0\d/);
  // The six seconds pass on the page's clock and the server's.
  serverClock.advance(6_000);
  await page.clock.fastForward(6_000);
  await expect(page.getByRole('heading', { name: /^Результат: / })).toBeVisible();
  await expect(page.getByText('Разбор ответов')).toBeVisible();
});
