import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { monthOf } from '../clock';
import { serverClock } from './clock';
import { signIn } from './session';

const header = 'login,month,revenue,margin,deals,leads,plan\n';

test('a head imports KPI figures: a bad line is refused and nothing is written, then the fixed file is applied', async ({ page }) => {
  // Last month: the demo company has figures for trainee1 and trainee2 in it on any date (they were
  // hired 85 and 64 days ago, so in a month before it), which the file replaces.
  const month = monthOf(serverClock.now(), -1);
  await signIn(page, 'head');
  await page.goto('/admin/kpi/');
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('Файл CSV').setInputFiles({
    name: 'october.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${header}trainee1,${month},1440000,345600,3,12,320000\nnobody,${month},1,1,1,1,1\n`),
  });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(page.getByRole('alert')).toContainText('Строк с ошибками: 1. Ничего не записано');
  await expect(page.getByRole('row', { name: /3.*нет сотрудника с логином «nobody»/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Применить' })).toHaveCount(0);

  await page.getByLabel('Файл CSV').setInputFiles({
    name: 'october.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${header}trainee1,${month},1440000,345600,3,12,320000\ntrainee2,${month},960000,230400,2,9,200000\n`),
  });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(page.getByText('Файл «october.csv» проверен, ошибок нет. Строк: 2.')).toBeVisible();
  await expect(page.getByTestId('kpi-preview').getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Применить' }).click();
  await expect(page.getByRole('status')).toContainText('Записано строк: 2. Новых: 0, заменено месяцев: 2.');
});

test('a trainee cannot reach the KPI import', async ({ page }) => {
  await signIn(page, 'trainee1');
  const response = await page.goto('/admin/kpi/');
  expect(response?.status()).toBe(404);
});
