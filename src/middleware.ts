import { defineMiddleware } from 'astro:middleware';
import { siteLocale } from './content';
import { translator } from './i18n';

export const onRequest = defineMiddleware(async (context, next) => {
  context.locals.i18n = translator(await siteLocale());
  return next();
});
