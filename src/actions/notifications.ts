import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { authorize } from './guard';
import { services } from '../server/services';
import { deliveryPrefsOf, markAllRead, saveDeliveryPrefs } from '../server/records/notifications';
import { newLinkCode, telegramLinkOf, unlinkTelegram } from '../server/records/telegram';
import { mailSettings, telegramSettings } from '../server/config';

// A person's own notifications: only theirs are ever marked, whatever the form sends.
export const notificationActions = {
  /** Marks every notification of the signed-in person read. */
  markNotificationsRead: defineAction({
    accept: 'form',
    input: z.object({}),
    handler: async (_input, context) => {
      const user = authorize(context, 'notifications.own');
      const { store } = await services();
      return { marked: await markAllRead(store, user.id) };
    },
  }),

  /** The signed-in person's e-mail address, their digest, and whether verdicts and requests are e-mailed at once. */
  saveDeliveryPrefs: defineAction({
    accept: 'form',
    input: z.object({
      email: z.string().trim().max(254).optional(),
      immediateEmail: z.boolean().optional(),
      telegram: z.boolean().optional(),
      digest: z.enum(['daily', 'weekly', 'off']).optional(),
      digestTime: z.string().trim().max(40).optional(),
      digestWeekday: z.coerce.number().int().min(1).max(7).optional(),
    }),
    handler: async (input, context) => {
      const user = authorize(context, 'notifications.own');
      const { t } = context.locals.i18n;
      const mail = mailSettings();
      const telegram = telegramSettings();
      // Without e-mail or Telegram set up there is nothing to choose: the page does not offer it either.
      if (!mail && !telegram) throw new ActionError({ code: 'NOT_FOUND', message: t('prefs.noMail') });
      const { store } = await services();
      const change: Parameters<typeof saveDeliveryPrefs>[2] = {};
      if (mail) {
        const email = input.email ? input.email : null;
        if (email !== null && !z.email().safeParse(email).success) throw new ActionError({ code: 'BAD_REQUEST', message: t('prefs.badEmail') });
        if (input.digestTime !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(input.digestTime)) throw new ActionError({ code: 'BAD_REQUEST', message: t('prefs.badTime') });
        Object.assign(change, {
          email,
          immediateEmail: input.immediateEmail ?? false,
          ...(input.digest ? { digest: input.digest } : {}),
          ...(input.digestTime ? { digestTime: input.digestTime } : {}),
          ...(input.digestWeekday ? { digestWeekday: input.digestWeekday } : {}),
        });
      }
      // Telegram is turned on or off only for a chat that is linked; linking turns it on.
      if (telegram && (await telegramLinkOf(store, user.id))) change.telegram = input.telegram ?? false;
      const saved = await saveDeliveryPrefs(store, user.id, change);
      return { email: saved.email, immediateEmail: saved.immediateEmail, digest: saved.digest, digestTime: saved.digestTime, digestWeekday: saved.digestWeekday, telegram: saved.telegram };
    },
  }),

  /** A one-time code the signed-in person sends the company's bot to link their Telegram chat. */
  telegramCode: defineAction({
    accept: 'form',
    input: z.object({}),
    handler: async (_input, context) => {
      const user = authorize(context, 'notifications.own');
      if (!telegramSettings()) throw new ActionError({ code: 'NOT_FOUND', message: context.locals.i18n.t('prefs.noMail') });
      const { store } = await services();
      return newLinkCode(store, user.id);
    },
  }),

  /** Forgets the signed-in person's Telegram chat. */
  unlinkTelegram: defineAction({
    accept: 'form',
    input: z.object({}),
    handler: async (_input, context) => {
      const user = authorize(context, 'notifications.own');
      const { store } = await services();
      return { unlinked: await unlinkTelegram(store, user.id), telegram: (await deliveryPrefsOf(store, user.id)).telegram };
    },
  }),
};
