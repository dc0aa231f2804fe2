import { expect, type Locator, type Page } from '@playwright/test';

// The final quiz of the fixture course (test/fixtures/content/quizzes/basics-final.yaml), as a trainee meets it.
export const STEPS = ['Принять заявку', 'Позвонить клиенту', 'Записать итог в CRM'];

/** Puts an order question's items in `target` order with the keyboard: focus "up", press Enter. */
export async function arrange(page: Page, question: Locator, target: string[]) {
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

/**
 * Answers the final quiz: all rightly; all wrongly, leaving the order question unanswered; or rightly
 * but for half of the multiple-choice question (`partly`: 4.5 points of 5).
 */
export async function answerFinalQuiz(page: Page, how: 'right' | 'wrong' | 'partly') {
  const right = how !== 'wrong';
  const questions = page.locator('fieldset.quiz__question');
  await expect(questions).toHaveCount(5);
  for (const question of await questions.all()) {
    const text = (await question.locator('.quiz__text').textContent()) ?? '';
    if (text.startsWith('За какое время')) {
      await question.getByLabel(right ? '15 минут' : '1 день', { exact: true }).check();
    } else if (text.startsWith('Что нужно записать')) {
      const labels = how === 'right' ? ['Источник заявки', 'Потребность клиента'] : how === 'partly' ? ['Источник заявки'] : ['Любимый цвет клиента'];
      for (const label of labels) await question.getByLabel(label).check();
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

/** Starts the quiz through its action from the page, as a forged request would, past any link or button. */
export async function forgeStart(page: Page, quizId: string) {
  return page.evaluate(async (quizId) => {
    const response = await fetch('/_actions/startQuizAttempt', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ quizId }) });
    return { status: response.status, message: ((await response.json()) as { message?: string }).message };
  }, quizId);
}
