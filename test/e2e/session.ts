import { expect, type Page } from '@playwright/test';

/** Signs in through the sign-in form, as a person would. */
export async function signIn(page: Page, login: string, password = 'demo') {
  await page.goto('/login');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
