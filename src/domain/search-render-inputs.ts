import type { SearchablePage } from './search-pages';

// What a page rendered for the search index shows, so that the indexer renders again only the pages
// whose inputs changed and takes the rest from its last run. Pagefind cannot patch an index: every
// run hands it every page. Rendering them is most of a run's time; that is what is saved.
//
// A document, script or lesson page shows its own file, the titles, status and audience of the
// other entries (links, lists, role names), the texts of the documents it links in `related` or
// `docs` (their titles and section headings), and the site's settings and structured content (roles,
// courses, quizzes, checklists, dialogues, motivation schemes). The day matters too (notices about
// dates), and so do the interface language and the build. Role pages list a great deal of
// everything and are few: they are always rendered.

interface Entry {
  id: string;
  data: unknown;
  body?: string;
}
interface TitledEntry extends Entry {
  data: { title: string; status?: string; audience?: unknown };
}

/** The content a rendered page can draw on. */
export interface RenderableContent {
  /** The site settings, as checked. */
  site: unknown;
  docs: readonly (TitledEntry & { data: { related: readonly string[] } })[];
  scripts: readonly (TitledEntry & { data: { related: readonly string[]; dialogue?: string } })[];
  lessons: readonly TitledEntry[];
  courses: readonly Entry[];
  dialogues: readonly Entry[];
  roles: readonly Entry[];
  quizzes: readonly Entry[];
  checklists: readonly Entry[];
  motivation: readonly Entry[];
}

export interface RenderSetting {
  /** The day pages are rendered on, YYYY-MM-DD. */
  today: string;
  /** The interface language pages are rendered in. */
  locale: string;
  /** Names the build that renders them. */
  build: string;
}

const outline = (entry: TitledEntry) => ({ id: entry.id, title: entry.data.title, status: entry.data.status, audience: entry.data.audience });
const whole = (entry: Entry | undefined) => (entry ? { id: entry.id, data: entry.data, body: entry.body } : null);
const docOf = (link: string) => link.split('#')[0]!;

/** What every reused page shares: when it changes, every page is rendered again. */
export function sharedRenderInputs(content: RenderableContent, setting: RenderSetting): string {
  return JSON.stringify({
    setting,
    site: content.site ?? null,
    structured: [content.roles, content.courses, content.quizzes, content.checklists, content.dialogues, content.motivation].map((list) => list.map(whole)),
    outlines: [content.docs, content.scripts, content.lessons].map((list) => list.map(outline)),
  });
}

/**
 * What one page shows of its own and of the entries it links: undefined for a page that is always
 * rendered (roles, and any page this does not know).
 */
export function pageRenderInputs(content: RenderableContent, page: SearchablePage): string | undefined {
  const docs = new Map(content.docs.map((d) => [d.id, d]));
  const linked = (links: readonly string[]) => [...new Set(links.map(docOf))].sort().map((id) => whole(docs.get(id)));
  const [collection, ...rest] = page.url.split('/').filter(Boolean);
  const id = rest.join('/');
  if (page.type === 'doc' && collection === 'docs') {
    const doc = docs.get(id);
    return doc && JSON.stringify({ page: page.url, own: whole(doc), linked: linked(doc.data.related) });
  }
  if (page.type === 'script' && collection === 'scripts') {
    const script = content.scripts.find((s) => s.id === id);
    return script && JSON.stringify({ page: page.url, own: whole(script), linked: linked(script.data.related) });
  }
  if (page.type === 'lesson' && collection === 'courses') {
    const lesson = content.lessons.find((l) => l.id === id);
    const docsOfLesson = (lesson?.data as { docs?: readonly string[] } | undefined)?.docs ?? [];
    return lesson && JSON.stringify({ page: page.url, own: whole(lesson), linked: linked(docsOfLesson) });
  }
  return undefined;
}
