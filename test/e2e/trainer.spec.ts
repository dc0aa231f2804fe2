import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { signIn } from './session';

const trainer = (page: Page) => page.locator('.trainer');

test('a trainee practises a dialogue to a bad ending, then a good one, and sees both runs', async ({ page }) => {
  await signIn(page, 'trainee1');
  await page.goto('/scripts/cold-call/');
  await expect(page.getByRole('heading', { name: 'Тренажёр диалога: Холодный звонок секретарю' })).toBeVisible();
  await expect(page.getByTestId('practice-stats')).toHaveText('Вы ещё не проходили этот диалог.');

  // First run, by keyboard only: the number key picks an answer, Enter moves on.
  const start = page.getByRole('button', { name: 'Тренироваться' });
  await expect(start).toBeEnabled();
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('client-line')).toContainText('Компания «Альфа», слушаю.');
  await expect(page.getByTestId('client-line')).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press('2');
  await expect(trainer(page).getByRole('status')).toContainText('Можно лучше');
  await expect(trainer(page).getByRole('status')).toContainText('Без представления секретарь почти всегда отказывает.');
  await expect(page.getByRole('button', { name: 'Чем закончился разговор' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(trainer(page)).toContainText('Плохой исход');
  await expect(trainer(page)).toContainText('Разговор закончился отказом.');
  await expect(page.getByTestId('run-result')).toHaveText('Результат: 0 из 2 (0 %)');
  await expect(trainer(page)).toContainText('Лучше так: Добрый день! Меня зовут Анна');
  await expect(trainer(page).getByRole('link', { name: 'Регламент обработки входящих заявок — Сроки ответа' })).toHaveAttribute('href', '/docs/lead-handling/#сроки-ответа');
  await expect(trainer(page).getByText('Результат сохранён.')).toBeVisible();
  await expect(page.getByTestId('practice-stats')).toHaveText('Ваш лучший результат: 0 из 2 (0 %). Прохождений: 1.');
  await expectNoSeriousA11yViolations(page);

  // Second run, with the mouse: the best answer at both steps.
  await page.getByRole('button', { name: 'Пройти ещё раз' }).click();
  await trainer(page).getByRole('button', { name: /Добрый день!/ }).click();
  await expect(trainer(page).getByRole('status')).toContainText('Лучший ответ');
  await page.getByRole('button', { name: 'Дальше' }).click();
  await expect(page.getByTestId('client-line')).toContainText('Закупками занимается Пётр Иванович.');
  await trainer(page).getByRole('button', { name: /По поставке стеллажей/ }).click();
  // The last answer saves the run, before the ending is asked for: a person who leaves now keeps it.
  const elsewhere = await page.context().newPage();
  await expect(async () => {
    await elsewhere.goto('/scripts/cold-call/');
    await expect(elsewhere.getByTestId('practice-stats')).toHaveText('Ваш лучший результат: 4 из 4 (100 %). Прохождений: 2.', { timeout: 500 });
  }).toPass({ timeout: 5_000 });
  await elsewhere.close();
  await page.getByRole('button', { name: 'Чем закончился разговор' }).click();
  await expect(trainer(page)).toContainText('Хороший исход');
  await expect(page.getByTestId('run-result')).toHaveText('Результат: 4 из 4 (100 %)');
  await expect(trainer(page)).toContainText('На каждом шаге вы выбрали лучший ответ.');
  await expect(trainer(page).getByText('Результат сохранён.')).toBeVisible();
  await expect(page.getByTestId('practice-stats')).toHaveText('Ваш лучший результат: 4 из 4 (100 %). Прохождений: 2.');

  // The page remembers both runs, and the person's practice list shows them.
  await page.reload();
  await expect(page.getByTestId('practice-stats')).toHaveText('Ваш лучший результат: 4 из 4 (100 %). Прохождений: 2.');
  await page.getByRole('link', { name: 'Все мои тренировки' }).click();
  await expect(page).toHaveURL(/\/team\/trainee1\/practice\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Тренировки по скриптам: Алексей Смирнов');
  const summary = page.getByTestId('practice-summary');
  await expect(summary.getByRole('row')).toHaveCount(2);
  await expect(summary).toContainText('Холодный звонок секретарю');
  await expect(summary).toContainText('4 из 4 (100 %)');
  const runs = page.getByTestId('practice-runs').locator('tbody tr');
  await expect(runs).toHaveCount(2);
  await expect(runs.nth(0)).toContainText('Хороший исход');
  await expect(runs.nth(0)).toContainText('4 из 4 (100 %)');
  await expect(runs.nth(1)).toContainText('Плохой исход');
  await expect(runs.nth(1)).toContainText('0 из 2 (0 %)');
  await expectNoSeriousA11yViolations(page);
});

test('a mentor sees a trainee’s practice from the script page', async ({ page }) => {
  await signIn(page, 'trainee2');
  await page.goto('/scripts/cold-call/');
  await page.getByRole('button', { name: 'Тренироваться' }).click();
  await page.keyboard.press('1');
  await expect(page.getByRole('button', { name: 'Дальше' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('client-line')).toBeFocused();
  await page.keyboard.press('2');
  await expect(page.getByRole('button', { name: 'Чем закончился разговор' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-result')).toHaveText('Результат: 2 из 4 (50 %)');
  await expect(trainer(page).getByText('Результат сохранён.')).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, 'mentor1');
  await page.goto('/scripts/cold-call/');
  const team = page.getByTestId('team-practice');
  await expect(team.getByRole('row', { name: /Мария Волкова/ })).toContainText('2 из 4 (50 %)');
  await team.getByRole('link', { name: 'Мария Волкова' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Тренировки по скриптам: Мария Волкова');
  await expect(page.getByTestId('practice-runs').locator('tbody tr')).toHaveCount(1);
});

test('the trainer works on a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'trainee3');
  await page.goto('/scripts/cold-call/');
  await page.getByRole('button', { name: 'Тренироваться' }).click();
  const option = trainer(page).getByRole('button', { name: /Соедините с директором/ });
  await option.scrollIntoViewIfNeeded();
  await expect(option).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await option.click();
  await page.getByRole('button', { name: 'Чем закончился разговор' }).click();
  await expect(page.getByTestId('run-result')).toHaveText('Результат: 0 из 2 (0 %)');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
