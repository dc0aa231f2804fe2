import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { unsafeMdx } from '../content-check/mdx-safety';
import { idFromTitle, freeId } from '../domain/doc-ids';
import { commitToGit, isEditableId, publish, publishedFile, type EditableCollection } from '../server/publishing';
import { dropDraftMedia } from '../server/records/draft-media';
import { draftById, removeDraft, saveDraft } from '../server/records/drafts';
import { MAX_DRAFT_BYTES } from '../server/store/data';
import { fieldsOf, fileFromForm, mayEdit, ownerOf, unsafeMessage } from '../server/views/editor';
import { newEntryText } from '../server/views/editor-templates';
import { services } from '../server/services';
import { requireUser } from './guard';
import * as clock from '../server/clock';

// Writing content from the browser. Every action checks, on the server, that the person may edit
// that entry (heads; owners where site.yaml allows), that the id names an entry inside its folder,
// and that the body holds nothing that could run; a refused request writes nothing.

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** The person, if they may edit this entry; a 400 for an id outside the content folder, a 403 otherwise. */
async function editor(context: ActionAPIContext, collection: string, id: string) {
  const user = requireUser(context);
  const { t } = context.locals.i18n;
  if (!isEditableId(collection, id)) throw new ActionError({ code: 'BAD_REQUEST', message: t('editor.badId') });
  if (!(await mayEdit(user, await ownerOf(collection, id)))) throw new ActionError({ code: 'FORBIDDEN', message: t('error.forbidden') });
  return { user, collection: collection as EditableCollection };
}

/** A body that may be saved: within the size limit and free of anything that would run. */
function checkBody(context: ActionAPIContext, body: string): void {
  const { t } = context.locals.i18n;
  const unsafe = unsafeMdx(body);
  if (unsafe.length > 0) {
    throw new ActionError({ code: 'BAD_REQUEST', message: unsafeMessage(t, unsafe[0]!) });
  }
}

export const editingActions = {
  saveDraft: defineAction({
    accept: 'form',
    handler: async (form: FormData, context) => {
      const id = text(form, 'id');
      const { user, collection } = await editor(context, text(form, 'collection'), id);
      const { t } = context.locals.i18n;
      checkBody(context, text(form, 'body'));
      const published = publishedFile(collection, id);
      const { store } = await services();
      const revision = Number(text(form, 'revision'));
      if (!Number.isInteger(revision) || revision < 0) throw new ActionError({ code: 'BAD_REQUEST', message: t('editor.badForm') });
      // The file the edit started from: the draft it loaded, or the published file.
      const startedFrom = text(form, 'startedFrom');
      const original = startedFrom === '' ? (published?.text ?? '') : ((await draftById(store, startedFrom))?.text ?? published?.text ?? '');
      if (!original) throw new ActionError({ code: 'BAD_REQUEST', message: t('editor.badForm') });
      const file = fileFromForm(original, form, await fieldsOf(collection));
      if (Buffer.byteLength(file, 'utf8') > MAX_DRAFT_BYTES) throw new ActionError({ code: 'BAD_REQUEST', message: t('editor.unsafe.too-large') });
      const baseHash = text(form, 'baseHash') || null;
      const saved = await saveDraft(store, { collection, entryId: id, text: file, base: { revision, baseHash }, userId: user.id }, published?.hash ?? null, (saved) => ({
        actor: user.id,
        action: saved.ok ? 'content.draftSaved' : 'content.draftConflict',
        subject: `${collection}:${id}`,
        details: { revision: saved.ok ? saved.draft.revision : revision },
      }));
      return saved.ok ? { ok: true as const, revision: saved.draft.revision } : { ok: false as const, reason: saved.reason, copyId: saved.copy.id };
    },
  }),

  createEntry: defineAction({
    accept: 'form',
    handler: async (form: FormData, context) => {
      const user = requireUser(context);
      const { t } = context.locals.i18n;
      if (user.appRole !== 'head') throw new ActionError({ code: 'FORBIDDEN', message: t('error.forbidden') });
      const collection = text(form, 'collection');
      const title = text(form, 'title').trim();
      if ((collection !== 'docs' && collection !== 'scripts') || title === '' || title.length > 200) throw new ActionError({ code: 'BAD_REQUEST', message: t('editor.newNeedsTitle') });
      const { store } = await services();
      const taken = new Set(await store.read((data) => data.contentDrafts.filter((d) => d.collection === collection).map((d) => d.entryId)));
      const wanted = text(form, 'id').trim() || idFromTitle(title);
      if (!isEditableId(collection, wanted)) throw new ActionError({ code: 'BAD_REQUEST', message: t('editor.badId') });
      // The id the title proposes, or the next free one: never a published entry's or another draft's.
      const tried = new Set(taken);
      let id = wanted;
      while (publishedFile(collection, id) || tried.has(id)) {
        tried.add(id);
        id = freeId(wanted, tried);
      }
      const file = await newEntryText(collection, { title, kind: text(form, 'kind'), owner: user.position, today: clock.todayIso() });
      const saved = await saveDraft(store, { collection, entryId: id, text: file, base: { revision: 0, baseHash: null }, userId: user.id }, null, (saved) => saved.ok && { actor: user.id, action: 'content.draftCreated', subject: `${collection}:${id}`, details: {} });
      if (!saved.ok) throw new ActionError({ code: 'CONFLICT', message: t('editor.badForm') });
      return { collection, id };
    },
  }),

  discardDraft: defineAction({
    accept: 'form',
    handler: async (form: FormData, context) => {
      const { store } = await services();
      const draft = await draftById(store, text(form, 'draft'));
      const { t } = context.locals.i18n;
      if (!draft) throw new ActionError({ code: 'NOT_FOUND', message: t('editor.noDraft') });
      const { user } = await editor(context, draft.collection, draft.entryId);
      await removeDraft(store, draft.id, () => ({ actor: user.id, action: 'content.draftDiscarded', subject: `${draft.collection}:${draft.entryId}`, details: { copy: draft.conflictOf !== null } }));
      dropDraftMedia(draft.id);
      return { collection: draft.collection, id: draft.entryId };
    },
  }),

  publishDraft: defineAction({
    accept: 'form',
    handler: async (form: FormData, context) => {
      const { store } = await services();
      const { t } = context.locals.i18n;
      const draft = await draftById(store, text(form, 'draft'));
      if (!draft || draft.conflictOf !== null) throw new ActionError({ code: 'NOT_FOUND', message: t('editor.noDraft') });
      const { user, collection } = await editor(context, draft.collection, draft.entryId);
      if (Number(text(form, 'revision')) !== draft.revision) throw new ActionError({ code: 'CONFLICT', message: t('editor.draftChangedSince') });
      const level = text(form, 'level') === 'major' ? 'major' : 'minor';
      const effective = text(form, 'effective') || clock.todayIso();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(effective) || Number.isNaN(Date.parse(effective))) throw new ActionError({ code: 'BAD_REQUEST', message: t('editor.badDate') });
      const summary = text(form, 'summary').trim().slice(0, 500);
      const activate = form.get('activate') === 'on';
      const result = publish(draft, { level, effective, summary, activate });
      if (!result.ok) {
        if (result.reason === 'content-check') return { ok: false as const, problems: result.problems };
        throw new ActionError({ code: result.reason === 'published-since' ? 'CONFLICT' : 'BAD_REQUEST', message: t(`editor.publish.${result.reason}`) });
      }
      await removeDraft(store, draft.id, () => ({ actor: user.id, action: 'content.published', subject: `${collection}:${draft.entryId}`, details: { version: result.version ?? null, level, summary, activate } }));
      dropDraftMedia(draft.id);
      void commitToGit(result.files, summary || t('editor.commitMessage', { id: draft.entryId, version: result.version ?? '' }), { name: user.name, login: user.login });
      return { ok: true as const, collection, id: draft.entryId, version: result.version };
    },
  }),
};
