import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { serverClock } from './clock';
import { signIn } from './session';

// The fixture's final quiz (test/fixtures/content/quizzes/basics-final.yaml), as a trainee meets it.
const STEPS = ['Принять заявку', 'Позвонить клиенту', 'Записать итог в CRM'];

/** Puts an order question's items in `target` order with the keyboard: focus "up", press Enter. */
async function arrange(page: Page, question: Locator, target: string[]) {
  for (let i = 0; i < target.length; i++) {
    let position = (await question.locator('.quiz__order-text').allTextContents()).indexOf(target[i]!);
    if (position <= i) continue;
    const up = question.getByRole('button', { name: `Переместить выше: ${target[i]}` });
    await up.focus();
    while (position > i) {
      await page.keyboard.press('Enter');
      position--;
      // Focus stays with the moved item, so Enter can move it again.
      if (position > 0) await expect(up).toBeFocused();
    }
  }
  await expect(question.locator('.quiz__order-text')).toHaveText(target);
}

/** Answers every question of the final quiz, all rightly or all wrongly. */
async function answerFinalQuiz(page: Page, right: boolean) {
  const questions = page.locator('fieldset.quiz__question');
  await expect(questions).toHaveCount(5);
  for (const question of await questions.all()) {
    const text = (await question.locator('.quiz__text').textContent()) ?? '';
    if (text.startsWith('За какое время')) {
      await question.getByLabel(right ? '15 минут' : '1 день', { exact: true }).check();
    } else if (text.startsWith('Что нужно записать')) {
      for (const label of right ? ['Источник заявки', 'Потребность клиента'] : ['Любимый цвет клиента']) await question.getByLabel(label).check();
    } else if (text.startsWith('На ночную заявку')) {
      // With the keyboard: focus the option and press Space.
      await question.getByLabel(right ? 'Неверно' : 'Верно', { exact: true }).focus();
      await page.keyboard.press('Space');
      await expect(question.getByLabel(right ? 'Неверно' : 'Верно', { exact: true })).toBeChecked();
    } else if (text.startsWith('Маржа')) {
      await question.getByLabel('Ваш ответ').fill(right ? '40 000' : '4 000');
    } else if (text.startsWith('Расставьте')) {
      if (right) await arrange(page, question, STEPS);
    } else {
      throw new Error(`an unexpected question: ${text}`);
    }
  }
}

test('a trainee takes a course: two lessons, a failed quiz, a cooldown, a pass, a complete course, feedback', async ({ page, browser }) => {
  test.setTimeout(90_000);
  // The page's timers run on a clock the test can move, as the server's does.
  await page.clock.install();
  await signIn(page, 'trainee3'); // hired 41 days ago; the course is due within 14 days
  const course = page.getByTestId('path-courses').locator('[data-course="basics"]');
  await page.goto('/');
  await expect(course.locator('.badge').first()).toHaveText('Просрочен');
  await expect(course).toContainText('Пройдено 0 из 3');
  await expect(page.getByTestId('path-checklists').getByRole('link', { name: 'Практические навыки стажёра' })).toHaveAttribute('href', '/checklists/trainee-skills/');
  await expectNoSeriousA11yViolations(page);

  await course.getByRole('link', { name: 'Основы работы с заявками' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Основы работы с заявками');
  await expect(page.getByTestId('final-quiz')).toContainText('Итоговый тест по основам — не начат · осталось попыток: 3');
  await expectNoSeriousA11yViolations(page);

  // Two lessons, each marked done.
  await page.getByRole('link', { name: 'Продолжить: Первый контакт' }).click();
  await page.getByRole('button', { name: 'Отметить урок пройденным' }).click();
  await expect(page).toHaveURL(/\/courses\/basics\/first-contact\/#done$/);
  await expect(page.locator('#done')).toContainText('Урок пройден');
  await expect(page.getByRole('button', { name: 'Отметить урок пройденным' })).toHaveCount(0);
  await page.getByRole('link', { name: /Следующий урок/ }).click();
  await page.getByRole('button', { name: 'Отметить урок пройденным' }).click();
  await expect(page.locator('#done')).toContainText('Урок пройден');
  await expect(page.getByRole('heading', { name: 'Тест к уроку: Итоговый тест по основам' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.goto('/courses/basics/');
  await expect(page.locator('.lesson--done')).toHaveCount(2);
  await expect(page.getByTestId('course-status')).toContainText('Пройдено 2 из 3');
  await page.getByRole('link', { name: 'Перейти к тесту' }).click();
  await expect(page).toHaveURL(/\/quizzes\/basics-final\/$/);

  // A failed attempt: the result comes with explanations, then a cooldown.
  await page.getByRole('button', { name: 'Начать тест' }).click();
  await answerFinalQuiz(page, false);
  await expect(page.getByText('Отвечено: 4 из 5')).toBeVisible();
  await page.getByRole('button', { name: 'Отправить ответы' }).click();
  await expect(page.getByRole('heading', { name: 'Результат: 0 %' })).toBeFocused();
  await expect(page.getByText('Тест не сдан: нужно набрать 70 %.')).toBeVisible();
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
  await answerFinalQuiz(page, true);
  await page.getByRole('button', { name: 'Отправить ответы' }).click();
  await expect(page.getByRole('heading', { name: 'Результат: 100 %' })).toBeVisible();
  await expect(page.getByText('Тест сдан. Проходной балл — 70 %.')).toBeVisible();
  await expect(page.getByText('Тест сдан: 100 %.')).toBeVisible();

  // The course is complete on My path, with a way to rate it.
  await page.goto('/');
  await expect(course.locator('.badge').first()).toHaveText('Пройден');
  await expect(course).toContainText('Пройдено 3 из 3');
  await expect(course).toContainText('Итоговый тест: сдан, 100 %');
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
  await expect(rows.nth(1)).toContainText('100 %');
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

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true });

  test('the quiz fits the screen, and a reload resumes the attempt with its answers', async ({ page }) => {
    await signIn(page, 'trainee5');
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
