import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { signIn } from './session';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'trainee1');
});

test('the calculator on the motivation statute gives the total of each worked example and of your own figures', async ({ page }) => {
  await page.goto('/docs/motivation-statute/');
  const calculator = page.locator('#calculator');
  await expect(calculator.getByRole('heading', { name: 'Калькулятор мотивации' })).toBeVisible();
  // It opens on the statute's first worked example.
  await expect(page.getByTestId('pay-total')).toHaveText('Доход за месяц: 110 000 ₽');
  await expect(page.getByTestId('pay-explanation')).toContainText('Доход: 50 000 + 60 000 = 110 000 ₽.');

  await calculator.getByLabel('Подставить пример из положения').selectOption({ label: 'Пример 2. План ниже минимума 70 %' });
  await expect(page.getByTestId('pay-total')).toHaveText('Доход за месяц: 50 000 ₽');
  await expect(page.getByTestId('pay-explanation')).toContainText('При выполнении плана ниже 70 % премия не выплачивается. Снижение на 100 %');

  // Your own month: the plan fulfilment comes from the plan, and a bigger discount shows its price.
  await calculator.getByLabel('Личный план по валовой марже, ₽').fill('500 000');
  await calculator.getByLabel('Выручка за месяц без НДС, ₽').fill('2 500 000');
  await calculator.getByLabel('Валовая маржа за месяц, ₽').fill('600000');
  await calculator.getByLabel('Конверсия заявок в сделки, %').fill('25');
  await expect(page.getByTestId('pay-total')).toHaveText('Доход за месяц: 118 400 ₽');
  const table = page.getByTestId('pay-table');
  await expect(table.getByRole('columnheader', { name: 'Те же сделки, скидка на 10 % больше' })).toBeVisible();
  await expect(table.getByRole('row', { name: /Выполнение плана 120 %/ })).toContainText('70 %');
  await expect(page.getByTestId('discount-cost')).toContainText('Скидка на 10 % больше стоила бы вам 38 300 ₽ в месяц');
  await expectNoSeriousA11yViolations(page);

  // A negative margin is refused with a message, and no total is shown.
  await calculator.getByLabel('Валовая маржа за месяц, ₽').fill('-1');
  await expect(calculator.getByText('Отрицательную базу калькулятор не считает')).toBeVisible();
  await expect(calculator.getByLabel('Валовая маржа за месяц, ₽')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('pay-total')).toHaveCount(0);
  await expect(calculator.getByRole('status')).toHaveText('Исправьте выделенные поля — тогда калькулятор посчитает доход.');
});

test('a role with a bonus scheme shows the calculator, and it fits a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/roles/manager/');
  await page.getByRole('link', { name: 'Схема мотивации менеджера' }).click();
  await expect(page.getByRole('heading', { name: 'Калькулятор мотивации' })).toBeInViewport();
  await expect(page.getByTestId('pay-total')).toHaveText('Доход за месяц: 110 000 ₽');
  await page.getByLabel('Выручка за месяц без НДС, ₽').fill('3000000');
  await expect(page.getByTestId('discount-cost')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousA11yViolations(page);
});
