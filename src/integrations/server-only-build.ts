import type { AstroIntegration } from 'astro';
import { contentFolder } from '../content-folder';

// Astro builds every page twice over: once for prerendering, once for the server. Salesbook prerenders
// nothing (every page needs a session), so in the prerender pass the content's MDX is replaced by a stub
// instead of being compiled a second time; that pass's output is thrown away by Astro anyway.
const STUB_ID = '\0salesbook:prerender-content-stub';
const STUB = 'export const frontmatter = {}; export const file = ""; export const url = undefined; export function getHeadings() { return []; } export function Content() { return ""; } export default Content;';

/** Builds the server without compiling the content twice, and without a warning per MDX file. */
export function serverOnlyBuild(): AstroIntegration {
  let prerendersNothing = false;
  return {
    name: 'salesbook:server-only-build',
    hooks: {
      'astro:routes:resolved': ({ routes }) => {
        prerendersNothing = routes.every((route) => !route.isPrerendered || route.origin === 'internal');
      },
      'astro:config:setup': ({ updateConfig, command }) => {
        if (command !== 'build') return;
        const root = contentFolder();
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'salesbook:quiet-mdx-directive',
                // Every MDX module starts with Astro's own "use astro:head-inject" directive; a warning per file is noise.
                configEnvironment: () => ({
                  build: {
                    rolldownOptions: {
                      onwarn(warning, warn) {
                        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
                        warn(warning);
                      },
                    },
                  },
                }),
              },
              {
                name: 'salesbook:skip-prerendered-content',
                enforce: 'pre',
                applyToEnvironment: (environment) => environment.name === 'prerender',
                async resolveId(source, importer, options) {
                  if (!prerendersNothing || !source.includes('.mdx')) return null;
                  const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
                  const path = resolved?.id.split('?')[0];
                  return path?.startsWith(root) && path.endsWith('.mdx') ? STUB_ID : null;
                },
                load: (id) => (id === STUB_ID ? STUB : null),
              },
            ],
          },
        });
      },
    },
  };
}
