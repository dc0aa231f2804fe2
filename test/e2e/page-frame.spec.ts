import { expect, test, type Page } from '@playwright/test';
import { signIn } from './session';

/** Every request of a page load that failed or was answered with an error, as "status url". */
function failedRequests(page: Page): string[] {
  const failed: string[] = [];
  // A request the browser drops because the page moved on (a sign-in's redirect) is not an answer.
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`failed ${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  return failed;
}

test('a page load asks for nothing that fails: the tab icon is the server’s own, signed in or not', async ({ page }) => {
  const failed = failedRequests(page);
  await page.goto('/login');
  await page.waitForLoadState('networkidle');
  await signIn(page, 'trainee1');
  for (const path of ['/', '/docs/lead-handling/', '/search?q=памятка']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  expect(failed).toEqual([]);
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.svg');
  const icon = await page.request.get('/favicon.svg');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(await icon.text()).toContain('<svg');
});
