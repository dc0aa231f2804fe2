import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { authorize } from './guard';
import { services } from '../server/services';
import { markAllRead } from '../server/records/notifications';

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
};
