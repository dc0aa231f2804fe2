// The mentor's verdict form on a skill card is an island that wakes when it comes into view
// (`client:visible`): what is chosen before it has woken is lost when it does.
import { expect, type Locator } from '@playwright/test';

/** Brings a card's verdict form into view and waits for its island to wake (Astro drops `ssr` then). */
export async function wakeVerdictForm(card: Locator) {
  await card.getByRole('button', { name: 'Сохранить оценку' }).scrollIntoViewIfNeeded();
  await expect(card.locator('astro-island')).not.toHaveAttribute('ssr');
}
