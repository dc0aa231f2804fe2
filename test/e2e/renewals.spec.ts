import { expect, test, type Page } from '@playwright/test';
import { DAY_MS, HOUR_MS } from '../../src/domain/calendar';
import { validityOf } from '../../src/domain/validity';
import { expectNoSeriousA11yViolations } from './axe';
import { serverClock } from './clock';
import { signIn } from './session';

// In the fixture company the trainee checklist's inbound call and a confirmation of the motivation
// statute hold 12 months (validForMonths), counted in the site's time zone. trainee3's mentor is mentor1.
const SKILL = 'Принимает входящий звонок по скрипту';
const TIME_ZONE = 'Asia/Yekaterinburg';

const skill = (page: Page) => page.getByTestId('skill').filter({ has: page.getByRole('heading', { name: SKILL }) });

/** The mentor gives a pass on trainee3's inbound call from the person's skills page; `state` is the item's state after it. */
async function passAsMentor(mentor: Page, comment: string, state = 'Зачтено') {
  await mentor.goto('/team/trainee3/skills/');
  const card = skill(mentor);
  const form = card.locator('details.decide');
  if (!(await form.evaluate((el) => (el as HTMLDetailsElement).open))) await card.getByText('Оценить навык').click();
  // The form wakes when it comes into view (client:visible): bring it there, and wait for it.
  await card.getByRole('button', { name: 'Сохранить оценку' }).scrollIntoViewIfNeeded();
  await expect(card.locator('astro-island')).not.toHaveAttribute('ssr');
  await card.getByRole('group', { name: 'Решение' }).getByLabel('Зачтено').check();
  await card.getByRole('group', { name: 'Оценка от 1 до 5' }).getByLabel('5', { exact: true }).check();
  await card.getByLabel('Комментарий', { exact: true }).fill(comment);
  await card.getByRole('button', { name: 'Сохранить оценку' }).click();
  await expect(card.getByTestId('skill-state')).toHaveText(state);
}

test('a pass with a term is announced before it expires, shows «Срок истёк» once it has, and the trainee asks again', async ({ page, browser }) => {
  // Three people, three moments of the year, and accessibility checks on four pages.
  test.setTimeout(90_000);
  // The server's clock is moved a year on and back: every later test finds it where it would have been.
  const realStart = Date.now();
  const clockStart = serverClock.now();
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  try {
    await signIn(mentor, 'mentor1');
    await signIn(page, 'trainee3');
    // trainee3 confirmed the statute in their first weeks (the demo people's start): it says until when that holds.
    await page.goto('/docs/motivation-statute/');
    await expect(page.getByTestId('ack-validity')).toContainText('Подтверждение действует до');

    // A critical skill: two observations on different days, the second a day after the first.
    await passAsMentor(mentor, 'Первое наблюдение: уверенно.', 'Наблюдение 1 из 2');
    serverClock.set(new Date(serverClock.now().getTime() + DAY_MS));
    const passedAt = serverClock.now();
    await passAsMentor(mentor, 'Три звонка по скрипту, уверенно.');
    const term = validityOf(passedAt.toISOString(), 12, TIME_ZONE);
    const expiresAt = Date.parse(term.expiresAt);
    const day = (iso: string) => new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

    await page.goto('/checklists/trainee-skills/');
    await expect(skill(page).getByTestId('skill-valid-for')).toHaveText('Зачёт действует 12 мес.');
    await expect(skill(page).getByTestId('skill-expiry')).toHaveText(`Зачёт действует до ${day(term.validUntil)}`);

    // Ten days before it expires, the trainee's pages say so.
    serverClock.set(new Date(expiresAt - 10 * DAY_MS + HOUR_MS));
    await page.goto('/checklists/trainee-skills/');
    await expect(skill(page).getByTestId('skill-state')).toHaveText('Зачтено');
    await expect(skill(page).getByTestId('skill-expiry')).toContainText('Истекает через 10 дн.');
    await expect(skill(page).getByRole('button', { name: /Попросить/ })).toHaveCount(0);
    await page.goto('/');
    const soon = page.getByTestId('renewals').locator('[data-renewal="skill:trainee-skills/inbound-call"]');
    await expect(soon.getByTestId('renewal-soon')).toHaveText(`Истекает через 10 дн.: действует до ${day(term.validUntil)}`);

    // An hour after midnight at its end: expired on the checklist, back on My path, and on the head's pages.
    serverClock.set(new Date(expiresAt + HOUR_MS));
    await page.goto('/checklists/trainee-skills/');
    const card = skill(page);
    await expect(card.getByTestId('skill-state')).toHaveText('Срок истёк');
    await expect(card.getByTestId('skill-expired')).toContainText(`Срок зачёта истёк ${day(term.expiredOn)}: он действовал до ${day(term.validUntil)}`);
    await expect(card.getByTestId('skill-expired')).toContainText('Навык нужно показать наставнику снова.');
    await expect(page.getByTestId('skill-progress')).toHaveText('Зачтено 0 из 2');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath('checklist-expired-1280.png'), fullPage: true });

    await page.goto('/');
    const renewals = page.getByTestId('renewals');
    const expired = renewals.locator('[data-renewal="skill:trainee-skills/inbound-call"]');
    await expect(expired.getByTestId('renewal-expired')).toHaveText(`Срок истёк ${day(term.expiredOn)}`);
    await expect(expired.getByTestId('due')).toContainText('Срок: до');
    await expect(page.getByTestId('to-confirm').locator('[data-doc="motivation-statute"]')).toContainText('срок подтверждения истёк');
    await page.goto('/docs/motivation-statute/');
    await expect(page.locator('#ack')).toContainText('Срок вашего подтверждения истёк');
    await expect(page.getByRole('button', { name: 'Ознакомлен(а)' })).toBeVisible();
    await page.goto('/');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath('my-path-renewals-1280.png'), fullPage: true });
    // On a phone the list wraps: the page never scrolls sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: test.info().outputPath('my-path-renewals-360.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });

    const headContext = await browser.newContext();
    const head = await headContext.newPage();
    await signIn(head, 'head');
    await head.goto('/team/trainee3/');
    await expect(head.getByTestId('level3')).toContainText('Срок истёк: 1.');
    await expect(head.getByTestId('renewals').locator('[data-renewal="skill:trainee-skills/inbound-call"]')).toContainText(`Срок истёк ${day(term.expiredOn)}`);
    await head.goto('/team/');
    await expect(head.getByTestId('matrix').locator('tr[data-login="trainee3"]').getByTestId('skills-expired')).toHaveText(`Срок истёк ${day(term.expiredOn)}`);
    await head.screenshot({ path: test.info().outputPath('team-expired-1280.png'), fullPage: true });
    await head.goto('/team/coverage/');
    const row = head.getByTestId('coverage').locator('tr[data-skill="trainee-skills/inbound-call"]');
    await expect(row.getByTestId('coverage-expiry')).toContainText(`Никита Павлов: срок истёк ${day(term.expiredOn)}`);
    await expectNoSeriousA11yViolations(head);
    await head.screenshot({ path: test.info().outputPath('coverage-expired-1280.png'), fullPage: true });
    await headContext.close();

    // The trainee asks again, and the mentor passes it anew: a renewal, like a recheck, takes one new
    // pass, and it holds a year from this day.
    await page.goto('/checklists/trainee-skills/');
    await card.getByLabel('Комментарий для наставника').fill('звонок с новым клиентом в среду');
    await card.getByRole('button', { name: 'Попросить проверить снова' }).click();
    await expect(card.getByTestId('skill-state')).toHaveText('Ждёт наставника');
    const renewedAt = serverClock.now();
    await passAsMentor(mentor, 'Снова уверенно.');
    await page.reload();
    await expect(card.getByTestId('skill-state')).toHaveText('Зачтено');
    await expect(card.getByTestId('skill-expiry')).toHaveText(`Зачёт действует до ${day(validityOf(renewedAt.toISOString(), 12, TIME_ZONE).validUntil)}`);
    await page.goto('/');
    await expect(page.getByTestId('renewals').locator('[data-renewal="skill:trainee-skills/inbound-call"]')).toHaveCount(0);
  } finally {
    await mentorContext.close();
    serverClock.set(new Date(clockStart.getTime() + (Date.now() - realStart)));
  }
});
