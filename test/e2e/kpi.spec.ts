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

test('a KPI file says what is wrong with a month or a margin, writes nothing, and takes months as 2026-11 or 11.2026', async ({ page }) => {
  const lastMonth = monthOf(serverClock.now(), -1);
  const thisMonth = monthOf(serverClock.now(), 0);
  // This month as spreadsheets write it: 11.2026.
  const dotted = `${thisMonth.slice(5)}.${thisMonth.slice(0, 4)}`;
  await signIn(page, 'head');
  await page.goto('/admin/kpi/');
  await expect(page.getByText('месяц — как 2026-11 или 11.2026, маржа не больше выручки')).toBeVisible();
  await page.getByLabel('Файл CSV').setInputFiles({
    name: 'november.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `${header}trainee1,${dotted},500000,120000,2,8,100000\ntrainee2,${lastMonth},300000,300001,1,4,100000\ntrainee2,${thisMonth.replace('-', '/')},1,1,1,1,1\n`,
    ),
  });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(page.getByRole('alert')).toContainText('Строк с ошибками: 2. Ничего не записано');
  await expect(page.getByRole('row', { name: /^3 / })).toContainText('маржа больше выручки, а маржа — это выручка за вычетом себестоимости');
  await expect(page.getByRole('row', { name: /^4 / })).toContainText(`месяц «${thisMonth.replace('-', '/')}» не распознан: запишите его как 2026-11 или 11.2026`);
  // Every word of a reason is Russian in the Russian interface: no column names from the file.
  await expect(page.getByTestId('kpi-problems')).not.toContainText(/revenue|margin|not a number/);
  await expect(page.getByRole('button', { name: 'Применить' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  // Nothing waits to be applied either.
  const apply = await page.request.post('/_actions/applyKpiFile', { form: {}, headers: { origin: new URL(page.url()).origin } });
  expect(apply.status()).toBe(400);
  expect(await apply.text()).toContain('Нет проверенного файла');

  // The good lines again, one month in each form: this month is new, so the bad file wrote nothing.
  await page.getByLabel('Файл CSV').setInputFiles({
    name: 'november.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${header}trainee1,${dotted},500000,120000,2,8,100000\ntrainee2,${lastMonth},300000,300000,1,4,100000\n`),
  });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  const preview = page.getByTestId('kpi-preview');
  await expect(preview.getByRole('row', { name: /^2 trainee1/ })).toContainText(thisMonth);
  await page.getByRole('button', { name: 'Применить' }).click();
  await expect(page.getByRole('status')).toContainText('Записано строк: 2. Новых: 1, заменено месяцев: 1.');
});

test('a trainee cannot reach the KPI import', async ({ page }) => {
  await signIn(page, 'trainee1');
  const response = await page.goto('/admin/kpi/');
  expect(response?.status()).toBe(404);
});
