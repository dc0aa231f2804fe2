import { deliveryPrefsIn } from '../records/notifications';
import type { Store } from '../store/store';

// Who receives notifications how, for the head: so that nobody who must act hears of it only by
// chance. Only the channels the company has set up count.

export interface DeliveryRow {
  id: string;
  login: string;
  name: string;
  email: string | null;
  immediateEmail: boolean;
  digest: 'daily' | 'weekly' | 'off';
  telegramLinked: boolean;
  telegram: boolean;
  /** Nothing reaches them outside the portal: they see notifications only when they open it. */
  portalOnly: boolean;
}

/** Every active person's delivery, those who receive nothing outside the portal first, then by name. */
export async function deliveryOverview(store: Store, channels: { email: boolean; telegram: boolean }): Promise<DeliveryRow[]> {
  const rows = await store.read((data) =>
    data.users
      .filter((u) => !u.disabled)
      .map((u) => {
        const prefs = deliveryPrefsIn(data, u.id);
        const telegramLinked = data.telegramLinks.some((l) => l.userId === u.id);
        const byEmail = channels.email && prefs.email !== null && (prefs.immediateEmail || prefs.digest !== 'off');
        const byTelegram = channels.telegram && telegramLinked && prefs.telegram;
        return {
          id: u.id,
          login: u.login,
          name: u.name,
          email: prefs.email,
          immediateEmail: prefs.immediateEmail,
          digest: prefs.digest,
          telegramLinked,
          telegram: prefs.telegram,
          portalOnly: !byEmail && !byTelegram,
        };
      }),
  );
  return rows.sort((a, b) => Number(b.portalOnly) - Number(a.portalOnly) || a.name.localeCompare(b.name, 'ru'));
}
