import type { AstroIntegration } from 'astro';
import { contentFolder } from '../content-folder';
import { formatProblems } from '../schemas/error-map';
import { readContentFolder } from '../content-check/folder';
import { validateContent } from '../content-check/validate';

/** Checks the whole content folder before Astro syncs it, and stops the build on the first mistakes. */
export function contentCheck(): AstroIntegration {
  return {
    name: 'salesbook:content-check',
    hooks: {
      'astro:config:setup': ({ logger }) => {
        const root = contentFolder();
        const raw = readContentFolder(root);
        const locale = raw.site && (raw.site.data as { locale?: string } | null)?.locale === 'en' ? 'en' : 'ru';
        const { problems } = validateContent(locale === 'en' ? readContentFolder(root, 'en') : raw, locale);
        if (problems.length > 0) {
          const error = new Error(`${root}\n${formatProblems(problems, locale)}`);
          error.stack = error.message;
          throw error;
        }
        logger.info(`content checked: ${raw.docs.length} documents, ${raw.scripts.length} scripts, ${raw.courses.length} courses`);
      },
    },
  };
}
