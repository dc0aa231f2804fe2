import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { mailTo } from './mailbox';
import { signIn } from './session';

// trainee5 and mentor2 are nobody else's in the end-to-end tests: their counts start at zero.
const SKILL = 'Заполняет карточку сделки';

/** Gives the signed-in person an e-mail address from their account menu: immediate e-mails are on by default. */
async function giveEmail(page: Page, name: string, address: string) {
  await page.goto('/');
  await page.getByRole('button', { name }).click();
  await page.locator('#account-menu').getByRole('link', { name: 'Уведомления' }).click();
  await expect(page).toHaveURL(/\/account\/notifications$/);
  await page.getByLabel('Адрес электронной почты').fill(address);
  await expect(page.getByLabel('Сразу сообщать по почте об оценке моих навыков и о просьбах проверить навык')).toBeChecked();
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('status')).toHaveText('Настройки уведомлений сохранены.');
}

test('a request raises the mentor’s count and e-mails them; “needs work” shows on the trainee’s bell, leads to the skill and arrives by e-mail', async ({ page, browser }) => {
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, 'mentor2');
  await giveEmail(mentor, 'Елена Кузнецова', 'kuznetsova@example.ru');
  await mentor.goto('/');
  const mentorBell = mentor.getByTestId('bell');
  await expect(mentorBell).toHaveAccessibleName('Уведомления');
  await expect(mentor.getByTestId('bell-count')).toHaveCount(0);

  await signIn(page, 'trainee5');
  await giveEmail(page, 'Сергей Лебедев', 'lebedev@example.ru');
  await page.goto('/checklists/trainee-skills/');
  const card = page.getByTestId('skill').filter({ has: page.getByRole('heading', { name: SKILL }) });
  await card.getByLabel('Комментарий для наставника').fill('сделка с ООО «Север»');
  await card.getByRole('button', { name: 'Попросить наставника проверить' }).click();
  await expect(card.getByTestId('skill-state')).toHaveText('Ждёт наставника');

  // The request reaches the mentor by e-mail at once, with a link to it in the portal.
  const requestMail = await mailTo('kuznetsova@example.ru');
  expect(requestMail.parsed.subject).toBe(`Сергей Лебедев просит проверить навык «${SKILL}»`);
  expect(requestMail.parsed.text).toMatch(/http:\/\/127\.0\.0\.1:\d+\/notifications\/[0-9a-f-]{36}/);

  // The mentor's next page counts the request, and the notification leads to the trainee's item.
  await mentor.reload();
  await expect(mentor.getByTestId('bell-count')).toHaveText(/^1/);
  await expect(mentorBell).toHaveAccessibleName('Уведомления Непрочитанных уведомлений: 1');
  await mentorBell.click();
  await expect(mentor.getByRole('heading', { level: 1 })).toHaveText('Уведомления');
  await expectNoSeriousA11yViolations(mentor);
  const request = mentor.getByTestId('notification').filter({ hasText: `Сергей Лебедев просит проверить навык «${SKILL}»` });
  await expect(request).toContainText('Новое');
  await request.getByRole('link').click();
  await expect(mentor).toHaveURL(/\/team\/trainee5\/skills\/#item-trainee-skills-crm-card$/);
  // Opened, it is read: the count is gone.
  await expect(mentor.getByTestId('bell-count')).toHaveCount(0);

  const judged = mentor.getByTestId('skill').filter({ has: mentor.getByRole('heading', { name: SKILL }) });
  await judged.getByRole('group', { name: 'Решение' }).getByLabel('Нужно доработать').check();
  await judged.getByRole('group', { name: 'Оценка от 1 до 5' }).getByLabel('2', { exact: true }).check();
  await judged.getByLabel('Комментарий', { exact: true }).fill('Не указан источник сделки.');
  await expect(judged.locator('astro-island')).not.toHaveAttribute('ssr');
  await judged.getByRole('button', { name: 'Сохранить оценку' }).click();
  await expect(judged.getByTestId('skill-state')).toHaveText('Нужно доработать');
  await mentorContext.close();

  // The verdict arrives by e-mail, in plain text and HTML, with the mentor's words and a link into the portal.
  const mail = await mailTo('lebedev@example.ru');
  expect(mail.parsed.subject).toBe(`Елена Кузнецова: навык «${SKILL}» нужно доработать`);
  expect(mail.parsed.from?.text).toContain('salesbook@example.ru');
  const link = mail.parsed.text?.match(/http:\/\/127\.0\.0\.1:\d+(\/notifications\/[0-9a-f-]{36})/);
  expect(link).not.toBeNull();
  expect(mail.parsed.html).toContain(link![1]);

  // The trainee's bell shows the verdict; opening it leads to the skill, and it is read.
  await page.goto('/');
  await expect(page.getByTestId('bell-count')).toHaveText(/^1/);
  await page.getByTestId('bell').click();
  const verdict = page.getByTestId('notification').filter({ hasText: `Елена Кузнецова: навык «${SKILL}» нужно доработать` });
  await expect(verdict).toContainText('Новое');
  await verdict.getByRole('link').click();
  await expect(page).toHaveURL(/\/checklists\/trainee-skills\/#item-trainee-skills-crm-card$/);
  await expect(page.getByTestId('bell-count')).toHaveCount(0);
  await page.goto('/notifications/');
  await expect(page.getByTestId('notification')).toHaveCount(1);
  await expect(page.getByTestId('notification')).not.toContainText('Новое');
  await expect(page.getByRole('button', { name: 'Отметить все прочитанными' })).toHaveCount(0);
  // The e-mail's link opens the same notification, read now, at the skill.
  await page.goto(link![1]!);
  await expect(page).toHaveURL(/\/checklists\/trainee-skills\/#item-trainee-skills-crm-card$/);
});

test('on a phone the bell is inside the menu', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'mentor2');
  await page.goto('/notifications/');
  const bell = page.getByTestId('bell');
  await expect(bell).toBeHidden();
  await page.getByRole('button', { name: /Меню/ }).click();
  await expect(bell).toBeVisible();
  await expect(bell).toContainText('Уведомления');
  await expectNoSeriousA11yViolations(page);
});

test('someone else’s notification, or one that does not exist, is not found', async ({ page, browser }) => {
  // trainee5's verdict notification, opened by another person, is not theirs to open.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, 'trainee5');
  await owner.goto('/notifications/');
  const href = await owner.getByTestId('notification').first().getByRole('link').getAttribute('href');
  await ownerContext.close();
  expect(href).toMatch(/^\/notifications\/[0-9a-f-]{36}$/);

  await signIn(page, 'trainee3');
  const response = await page.goto(href!);
  expect(response?.status()).toBe(404);
  await expect(page.getByText('Этого уведомления нет')).toBeVisible();
  expect((await page.goto('/notifications/no-such-id'))?.status()).toBe(404);
});
