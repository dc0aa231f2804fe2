// Signing in with the company's account in a browser: a real OpenID Connect provider (oidc-provider)
// and two Salesbook servers of their own, all on free 127.0.0.1 ports and stopped at the end. One
// refuses people it does not know and keeps passwords; the other makes them employees and has
// passwords switched off but for the break-glass head.
import { expect, test, type Page } from '@playwright/test';
import { startProvider, type RunningProvider } from '../oidc-provider';
import { cleanUp, freePort, startServer, type RunningServer } from '../integration/server';
import { expectNoSeriousA11yViolations } from './axe';

let provider: RunningProvider;
let portal: RunningServer;
let ssoOnly: RunningServer;

test.describe.configure({ mode: 'serial', timeout: 60_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const [portalPort, ssoOnlyPort, providerPort] = [await freePort(), await freePort(), await freePort()];
  const urls = [`http://127.0.0.1:${portalPort}`, `http://127.0.0.1:${ssoOnlyPort}`];
  provider = await startProvider(providerPort, urls, [
    { sub: 'acme-trainee1', preferred_username: 'trainee1', name: 'Стажёр Один', email: 'trainee1@acme.example', email_verified: true },
    { sub: 'acme-trainee2', preferred_username: 'trainee2' },
    { sub: 'acme-head', preferred_username: 'head', groups: ['salesbook-heads'] },
    { sub: 'acme-newcomer', preferred_username: 'irina.smirnova', name: 'Ирина Смирнова', groups: ['sales'] },
    { sub: 'acme-trainee3', preferred_username: 'trainee3', groups: ['salesbook-mentors'] },
  ]);
  portal = await startServer({ demo: true, port: portalPort, env: provider.env(urls[0]!) });
  ssoOnly = await startServer({
    demo: true,
    port: ssoOnlyPort,
    env: {
      ...provider.env(urls[1]!),
      SALESBOOK_OIDC_NEW_PEOPLE: 'employee',
      SALESBOOK_LOCAL_LOGIN: 'off',
      SALESBOOK_BREAK_GLASS_LOGIN: 'head',
      SALESBOOK_OIDC_GROUPS_CLAIM: 'groups',
      SALESBOOK_OIDC_ROLE_MAP: 'salesbook-mentors=mentor',
    },
  });
});

test.afterAll(async () => {
  await provider?.stop();
  await cleanUp();
});

/** At the provider's own page: signs in as `account`. */
async function atProvider(page: Page, account: string) {
  await expect(page.getByRole('heading', { name: 'Company sign-in' })).toBeVisible();
  await page.getByLabel('Account').fill(account);
  await page.getByRole('button', { name: 'Sign in at the company' }).click();
}

test('a person signs in with the company account and comes back to the page they wanted; signing out offers the provider’s sign-out', async ({ page }) => {
  await page.goto(`${portal.url}/docs/lead-handling/`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await expect(page.getByLabel('Пароль', { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('sign-in-page.png') });
  await page.getByRole('link', { name: 'Войти через Acme ID' }).click();
  await atProvider(page, 'acme-trainee1');
  await expect(page).toHaveURL(`${portal.url}/docs/lead-handling/`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Регламент обработки входящих заявок');

  await page.goto(`${portal.url}/logout`);
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page.getByRole('status')).toHaveText('Вы вышли из портала.');
  await page.getByRole('link', { name: 'Выйти и из учётной записи Acme ID' }).click();
  // The provider asks to confirm its own sign-out, then sends the person back to Salesbook's sign-in page.
  await page.getByRole('button', { name: /yes|sign me out/i }).click();
  await expect(page).toHaveURL(`${portal.url}/login`);
  // Signed out at the provider too: the next sign-in asks for the account again.
  await page.getByRole('link', { name: 'Войти через Acme ID' }).click();
  await expect(page.getByRole('heading', { name: 'Company sign-in' })).toBeVisible();
});

test('someone Salesbook does not know is told to ask their head; a refusal at the provider is explained', async ({ page }) => {
  await page.goto(`${portal.url}/login`);
  await page.getByRole('link', { name: 'Войти через Acme ID' }).click();
  await atProvider(page, 'acme-newcomer');
  await expect(page).toHaveURL(`${portal.url}/login?sso=unknown`);
  await expect(page.getByRole('alert')).toHaveText('Учётная запись компании подтверждена, но в портале вас нет. Попросите руководителя отдела продаж добавить вас.');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('refused.png') });
  await page.context().clearCookies();
  await page.getByRole('link', { name: 'Войти через Acme ID' }).click();
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByRole('alert')).toContainText('Вы не разрешили порталу доступ к данным учётной записи компании');
});

test('a person a head disabled cannot come in with a valid company sign-in', async ({ page, browser }) => {
  const head = await browser.newPage();
  await head.goto(`${portal.url}/login`);
  await head.getByLabel('Логин').fill('head');
  await head.getByLabel('Пароль', { exact: true }).fill('demo');
  await head.getByRole('button', { name: 'Войти', exact: true }).click();
  await head.goto(`${portal.url}/admin/people/trainee2/`);
  await head.getByRole('button', { name: 'Отключить доступ' }).click();
  await expect(head.getByRole('button', { name: 'Вернуть доступ' })).toBeVisible();
  await head.close();

  await page.goto(`${portal.url}/login`);
  await page.getByRole('link', { name: 'Войти через Acme ID' }).click();
  await atProvider(page, 'acme-trainee2');
  await expect(page.getByRole('alert')).toHaveText('Ваш доступ к порталу отключён. Обратитесь к руководителю отдела продаж.');
  await page.goto(`${portal.url}/`);
  await expect(page).toHaveURL(/\/login\?next=/);
});

test('with passwords off, a newcomer is made an employee, and the head completes their position', async ({ page, browser }) => {
  await page.goto(`${ssoOnly.url}/login`);
  await expect(page.getByLabel('Пароль', { exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: 'Войти через Acme ID' }).click();
  await atProvider(page, 'acme-newcomer');
  await expect(page).toHaveURL(`${ssoOnly.url}/`);
  await expect(page.getByText('Ирина Смирнова').first()).toBeVisible();
  await expect(page.getByTestId('no-position')).toHaveText(/Руководитель ещё не выбрал вашу должность/);
  await page.screenshot({ path: test.info().outputPath('newcomer-home.png'), fullPage: true });
  // No portal password to change: the page says so instead of asking for one.
  await page.goto(`${ssoOnly.url}/account/password`);
  await expect(page.getByTestId('no-password')).toHaveText('Вы входите через Acme ID: пароля портала у вас нет, менять нечего.');
  await expect(page.getByLabel('Текущий пароль')).toHaveCount(0);

  // The break-glass head signs in with a password at the emergency address, and finds the newcomer to complete.
  const headContext = await browser.newContext();
  const head = await headContext.newPage();
  await head.goto(`${ssoOnly.url}/login?local`);
  await expect(head.getByText('Аварийный вход.')).toBeVisible();
  // A mistyped password leaves the emergency form where it was.
  await head.getByLabel('Логин').fill('head');
  await head.getByLabel('Пароль', { exact: true }).fill('not-the-password');
  await head.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(head.getByRole('alert')).toHaveText('Неверный логин или пароль.');
  await expect(head.getByText('Аварийный вход.')).toBeVisible();
  await head.getByLabel('Пароль', { exact: true }).fill('demo');
  await head.getByRole('button', { name: 'Войти', exact: true }).click();
  await head.goto(`${ssoOnly.url}/admin/people/`);
  const waiting = head.getByTestId('people-to-complete');
  await expect(waiting.getByRole('heading')).toHaveText('Ждут должности: 1');
  await expectNoSeriousA11yViolations(head);
  await head.screenshot({ path: test.info().outputPath('people-to-complete.png'), fullPage: true });
  await waiting.getByRole('link', { name: 'Ирина Смирнова' }).click();
  await head.getByLabel('Должность').selectOption({ label: 'Стажёр отдела продаж' });
  await head.getByRole('button', { name: 'Сохранить' }).click();
  await expect(head.getByRole('status')).toContainText('Изменения сохранены');
  await head.goto(`${ssoOnly.url}/admin/people/`);
  await expect(head.getByTestId('people-to-complete')).toHaveCount(0);
  await headContext.close();
  await page.goto(`${ssoOnly.url}/`);
  await expect(page.getByTestId('no-position')).toHaveCount(0);

  // Anyone else's password is refused, even through the emergency address.
  await page.context().clearCookies();
  await page.goto(`${ssoOnly.url}/login?local`);
  await page.getByLabel('Логин').fill('trainee1');
  await page.getByLabel('Пароль', { exact: true }).fill('demo');
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Вход по паролю портала отключён. Войдите через Acme ID.');
});

test('a group mapped to mentors gives a trainee the mentor’s rights at their sign-in', async ({ page }) => {
  await page.goto(`${ssoOnly.url}/login`);
  await page.getByRole('link', { name: 'Войти через Acme ID' }).click();
  await atProvider(page, 'acme-trainee3');
  await expect(page).toHaveURL(new RegExp(`^${ssoOnly.url}/`));
  await expect(page.getByRole('link', { name: 'Наставнику', exact: true })).toBeVisible();
  await page.goto(`${ssoOnly.url}/mentor/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Наставнику');
});
