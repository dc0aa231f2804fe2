import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { contentFolder } from './content-folder';
import { checklistSchema } from './schemas/checklist';
import { courseSchema, lessonSchema } from './schemas/course';
import { dialogueSchema } from './schemas/dialogue';
import { docSchema } from './schemas/doc';
import { docVersionSchema } from './schemas/doc-version';
import { readDocVersions } from './content-check/folder';
import { motivationSchema } from './schemas/motivation';
import { quizSchema } from './schemas/quiz';
import { roleSchema } from './schemas/role';
import { scriptSchema } from './schemas/script';
import { siteSchema } from './schemas/site';

// Cross-references between collections are checked before sync by the content check
// (src/integrations/content-check.ts), which names the file, the field and the fix.
const root = contentFolder();
const byFileName = ({ entry }: { entry: string }) => entry.replace(/\.(mdx|ya?ml)$/, '');

const files = (folder: string, pattern: string) =>
  glob({ base: `${root}/${folder}`, pattern, generateId: byFileName });

export const collections = {
  site: defineCollection({ loader: glob({ base: root, pattern: 'site.yaml', generateId: () => 'site' }), schema: siteSchema }),
  docs: defineCollection({ loader: files('docs', '[!_]*.mdx'), schema: docSchema }),
  scripts: defineCollection({ loader: files('scripts', '[!_]*.mdx'), schema: scriptSchema }),
  dialogues: defineCollection({ loader: files('dialogues', '[!_]*.yaml'), schema: dialogueSchema }),
  courses: defineCollection({
    loader: glob({ base: `${root}/courses`, pattern: '*/course.yaml', generateId: ({ entry }) => entry.split('/')[0]! }),
    schema: courseSchema,
  }),
  lessons: defineCollection({ loader: files('courses', '*/[!_]*.mdx'), schema: lessonSchema }),
  quizzes: defineCollection({ loader: files('quizzes', '[!_]*.yaml'), schema: quizSchema }),
  checklists: defineCollection({ loader: files('checklists', '[!_]*.yaml'), schema: checklistSchema }),
  roles: defineCollection({ loader: files('roles', '[!_]*.yaml'), schema: roleSchema }),
  motivation: defineCollection({ loader: files('motivation', '[!_]*.yaml'), schema: motivationSchema }),
  // Earlier versions' texts are read as plain text (never rendered), only to show what changed.
  docVersions: defineCollection({
    loader: () =>
      readDocVersions(root).entries.map((entry) => {
        const [doc, version] = entry.id.split('/') as [string, string];
        // Trimmed as the MDX loader trims a document's body, so a kept text hashes like the text people confirmed.
        return { id: entry.id, doc, version, text: (entry.body ?? '').trim() };
      }),
    schema: docVersionSchema,
  }),
};
