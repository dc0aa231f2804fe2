import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdownKeymap, markdownLanguage } from '@codemirror/lang-markdown';
import { HighlightStyle, LanguageSupport, syntaxHighlighting } from '@codemirror/language';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { effect, useModel } from '@preact/signals';
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { bulletList, callout, emphasis, heading, insertLink, numberedList, say, steps, table, type Edit, type LinkTarget } from './doc-editor/commands';
import { EditorModel, filterLinks } from './doc-editor/model';
import './DocEditor.css';

export interface Props {
  /** id of the form's body textarea, which the editor takes the place of. */
  textareaId: string;
  /** Documents that may be linked, with their sections, for the link picker. */
  links: { id: string; title: string; sections: { slug: string; text: string }[] }[];
  /** Where to POST for a preview: FormData of the whole form; answers 200 with an HTML fragment, or 400 with a JSON { message } */
  previewUrl: string;
  /** id of the form element (so the island can read all its fields for the preview) */
  formId: string;
  /** id of an element (rendered by the server beside the editor) where preview HTML goes */
  previewId: string;
  /** The nonce the page's Content-Security-Policy allows CodeMirror's own style element by. */
  styleNonce: string;
  labels: {
    /** The toolbar's name, for screen readers. */
    toolbar: string;
    /** The editing area's name, for screen readers. */
    editorLabel: string;
    h2: string;
    h3: string;
    bold: string;
    italic: string;
    bulletList: string;
    numberedList: string;
    table: string;
    /** The header texts of a new table. */
    tableHeader: [string, string, string];
    link: string;
    callout: string;
    warning: string;
    steps: string;
    sayManager: string;
    sayClient: string;
    preview: string;
    previewing: string;
    /** When no preview could be had: no answer, or not a preview. */
    previewFailed: string;
    /** Before the server's message when it could not render the text. */
    previewRefused: string;
    unsaved: string;
    linkDialogTitle: string;
    linkFilter: string;
    linkNothingFound: string;
    /** Asks whether to link the whole document or one of its sections. */
    linkSection: string;
    linkWholeDocument: string;
    linkBack: string;
    cancel: string;
  };
}

type Labels = Props['labels'];
type Doc = Props['links'][number];
type Command = (text: string, from: number, to: number) => Edit;
type ToolName = 'h2' | 'h3' | 'bold' | 'italic' | 'bulletList' | 'numberedList' | 'table' | 'link' | 'callout' | 'warning' | 'steps' | 'sayManager' | 'sayClient';

interface Tool {
  name: ToolName;
  /** A text transformation, or 'link' for the picker. */
  run: Command | 'link';
  /** The first tool of a group gets a gap before it. */
  groupStart?: boolean;
  keys?: string;
}

const bold: Command = (text, from, to) => emphasis(text, from, to, '**');
const italic: Command = (text, from, to) => emphasis(text, from, to, '*');

function toolsFor(labels: Labels): Tool[] {
  return [
    { name: 'h2', run: (text, from, to) => heading(text, from, to, 2) },
    { name: 'h3', run: (text, from, to) => heading(text, from, to, 3) },
    { name: 'bold', run: bold, keys: 'Control+B Meta+B', groupStart: true },
    { name: 'italic', run: italic, keys: 'Control+I Meta+I' },
    { name: 'bulletList', run: bulletList, groupStart: true },
    { name: 'numberedList', run: numberedList },
    { name: 'table', run: (text, from, to) => table(text, from, to, labels.tableHeader) },
    { name: 'link', run: 'link' },
    { name: 'callout', run: (text, from, to) => callout(text, from, to, 'note'), groupStart: true },
    { name: 'warning', run: (text, from, to) => callout(text, from, to, 'warning') },
    { name: 'steps', run: steps },
    { name: 'sayManager', run: (text, from, to) => say(text, from, to, 'manager'), groupStart: true },
    { name: 'sayClient', run: (text, from, to) => say(text, from, to, 'client') },
  ];
}

/** Applies a transformation to the main selection as one transaction (one undo step). */
function apply(view: EditorView, command: Command): true {
  const { from, to } = view.state.selection.main;
  const result = command(view.state.doc.toString(), from, to);
  view.dispatch({
    changes: result.change,
    selection: { anchor: result.selection.from, head: result.selection.to },
    scrollIntoView: true,
    userEvent: 'input',
  });
  view.focus();
  return true;
}

// Colours from the site's variables, so the editor follows the light and dark schemes.
const highlighting = HighlightStyle.define([
  { tag: tags.heading, fontWeight: '700' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: [tags.link, tags.url], color: 'var(--accent)' },
  { tag: [tags.processingInstruction, tags.contentSeparator, tags.meta, tags.labelName], color: 'var(--muted)' },
  { tag: [tags.tagName, tags.angleBracket, tags.attributeName], color: 'var(--ok)' },
  { tag: tags.monospace, fontFamily: 'var(--mono)' },
]);

/**
 * The body editor: over a server-rendered form whose textarea works without JavaScript, it puts a
 * Markdown editor with a toolbar in the textarea's place, writes every change back into the textarea,
 * and refreshes a preview the server renders.
 */
export default function DocEditor({ textareaId, links, previewUrl, formId, previewId, styleNonce, labels }: Props) {
  const view = useRef<EditorView | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [mounted, setMounted] = useState(false);
  const [active, setActive] = useState(0);
  const [pickerRun, setPickerRun] = useState(0);
  const tools = useMemo(() => toolsFor(labels), [labels]);
  const model = useModel(
    () =>
      new EditorModel({
        readForm() {
          const form = document.getElementById(formId);
          const data = form instanceof HTMLFormElement ? new FormData(form) : new FormData();
          const textarea = document.getElementById(textareaId);
          if (view.current && textarea instanceof HTMLTextAreaElement) data.set(textarea.name || 'body', view.current.state.doc.toString());
          return data;
        },
        send: (form, signal) =>
          fetch(previewUrl, { method: 'POST', body: form, headers: { accept: 'text/html' }, credentials: 'same-origin', signal }),
        show(html) {
          // The server renders the fragment from a checked syntax tree.
          const target = document.getElementById(previewId);
          if (target) target.innerHTML = html;
        },
      }),
  );
  const idPrefix = `${textareaId}-editor`;

  useEffect(() => {
    const textarea = document.getElementById(textareaId);
    const parent = host.current;
    if (!(textarea instanceof HTMLTextAreaElement) || !parent) return;
    const form = document.getElementById(formId);
    const describedBy = textarea.getAttribute('aria-describedby');
    // What the server sent is the saved body; the textarea may hold more if someone typed before the island woke up.
    model.load(textarea.defaultValue, textarea.value);

    const editor = new EditorView({
      parent,
      state: EditorState.create({
        doc: textarea.value,
        extensions: [
          history(),
          EditorView.cspNonce.of(styleNonce),
          Prec.high(
            keymap.of([
              { key: 'Mod-b', run: (target) => apply(target, bold) },
              { key: 'Mod-i', run: (target) => apply(target, italic) },
              {
                key: 'Alt-F10',
                run: () => {
                  toolbar.current?.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus();
                  return true;
                },
              },
            ]),
          ),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          // The language alone, not markdown(): that would bring the HTML, CSS and JavaScript parsers along.
          new LanguageSupport(markdownLanguage, Prec.high(keymap.of(markdownKeymap))),
          syntaxHighlighting(highlighting),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({
            'aria-label': labels.editorLabel,
            spellcheck: 'true',
            ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            const text = update.state.doc.toString();
            textarea.value = text;
            textarea.dispatchEvent(new Event('input', { bubbles: true }));
            model.edited(text);
          }),
        ],
      }),
    });
    view.current = editor;
    textarea.hidden = true;
    textarea.style.display = 'none';
    setMounted(true);

    const focusEditor = () => editor.focus();
    const fieldLabels = Array.from(textarea.labels ?? []);
    for (const label of fieldLabels) label.addEventListener('click', focusEditor);
    // The hidden textarea cannot show the browser's own complaint, so the island shows it.
    const onInvalid = (event: Event) => {
      event.preventDefault();
      model.problem.value = textarea.validationMessage;
      editor.focus();
    };
    textarea.addEventListener('invalid', onInvalid);

    let submitting = false;
    const onSubmit = (event: Event) => {
      submitting = true;
      // Another handler may have stopped the submission after all.
      setTimeout(() => {
        if (event.defaultPrevented) submitting = false;
      });
    };
    const onPageShow = () => {
      submitting = false;
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (submitting || !model.dirty.peek()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    form?.addEventListener('submit', onSubmit);
    window.addEventListener('pageshow', onPageShow);
    window.addEventListener('beforeunload', onBeforeUnload);

    const stopMarking = effect(() => {
      const target = document.getElementById(previewId);
      if (!target) return;
      target.toggleAttribute('data-doc-editor-stale', model.stale.value);
      target.setAttribute('aria-busy', String(model.loading.value));
    });
    if (!document.getElementById(previewId)?.innerHTML.trim()) void model.refresh();

    return () => {
      stopMarking();
      form?.removeEventListener('submit', onSubmit);
      window.removeEventListener('pageshow', onPageShow);
      window.removeEventListener('beforeunload', onBeforeUnload);
      textarea.removeEventListener('invalid', onInvalid);
      for (const label of fieldLabels) label.removeEventListener('click', focusEditor);
      editor.destroy();
      view.current = null;
      textarea.hidden = false;
      textarea.style.removeProperty('display');
    };
  }, []);

  function run(tool: Tool) {
    const editor = view.current;
    if (!editor) return;
    if (tool.run !== 'link') {
      apply(editor, tool.run);
      return;
    }
    setPickerRun((n) => n + 1);
  }

  // Opened once the fresh picker is in place, so its filter is what gets focus.
  useLayoutEffect(() => {
    if (pickerRun > 0) dialog.current?.showModal();
  }, [pickerRun]);

  function insert(target: LinkTarget) {
    dialog.current?.close();
    if (view.current) apply(view.current, (text, from, to) => insertLink(text, from, to, target));
  }

  // A toolbar is one stop for Tab; the arrow keys, Home and End move along it (WAI-ARIA toolbar pattern).
  function moveInToolbar(event: TargetedKeyboardEvent<HTMLDivElement>) {
    const last = tools.length - 1;
    const next =
      event.key === 'ArrowRight' ? (active === last ? 0 : active + 1)
      : event.key === 'ArrowLeft' ? (active === 0 ? last : active - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    event.currentTarget.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  }

  const preview = model.preview.value;
  const status =
    model.problem.value ??
    (preview.kind === 'refused' ? `${labels.previewRefused} ${preview.message}` : preview.kind === 'unavailable' ? labels.previewFailed : '');

  return (
    <div class="doc-editor" hidden={!mounted}>
      <div
        ref={toolbar}
        class="doc-editor__toolbar"
        role="toolbar"
        aria-label={labels.toolbar}
        aria-controls={`${idPrefix}-host`}
        aria-keyshortcuts="Alt+F10"
        onKeyDown={moveInToolbar}
      >
        {tools.map((tool, index) => (
          <button
            key={tool.name}
            type="button"
            class={`doc-editor__tool doc-editor__tool--${tool.name}${tool.groupStart ? ' doc-editor__tool--group' : ''}`}
            tabIndex={index === active ? 0 : -1}
            aria-keyshortcuts={tool.keys}
            aria-haspopup={tool.run === 'link' ? 'dialog' : undefined}
            onFocus={() => setActive(index)}
            onClick={() => run(tool)}
          >
            {labels[tool.name]}
          </button>
        ))}
      </div>
      <div ref={host} id={`${idPrefix}-host`} class="doc-editor__host" />
      <div class="doc-editor__foot">
        <button type="button" class="button button--ghost button--small" onClick={() => void model.refresh()}>
          {model.loading.value ? labels.previewing : labels.preview}
        </button>
        {model.dirty.value && <span class="badge badge--warn">{labels.unsaved}</span>}
        <p class={`doc-editor__status${status ? ' doc-editor__status--problem' : ''}`} role="status">
          {status}
        </p>
      </div>
      <dialog
        ref={dialog}
        class="doc-editor__dialog"
        aria-labelledby={`${idPrefix}-link-title`}
        onClick={(event) => {
          // A click on the backdrop lands on the dialog itself.
          if (event.target === event.currentTarget) event.currentTarget.close();
        }}
      >
        {pickerRun > 0 && (
          <LinkPicker
            key={pickerRun}
            links={links}
            labels={labels}
            idPrefix={idPrefix}
            onPick={insert}
            onCancel={() => dialog.current?.close()}
          />
        )}
      </dialog>
    </div>
  );
}

interface PickerProps {
  links: Doc[];
  labels: Labels;
  idPrefix: string;
  onPick: (target: LinkTarget) => void;
  onCancel: () => void;
}

/** Moves focus along a list of buttons with the arrow keys. */
function moveInList(event: TargetedKeyboardEvent<HTMLElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = buttons[event.key === 'ArrowDown' ? Math.min(at + 1, buttons.length - 1) : Math.max(at - 1, 0)];
  if (!next) return;
  event.preventDefault();
  next.focus();
}

/** Picks a document, then the whole of it or one of its sections. */
function LinkPicker({ links, labels, idPrefix, onPick, onCancel }: PickerProps) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Doc | null>(null);
  const filter = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const sections = useRef<HTMLUListElement>(null);
  const found = useMemo(() => filterLinks(links, query), [links, query]);

  const shown = useRef(false);
  useLayoutEffect(() => {
    // On opening, the dialog focuses the filter itself (autofocus).
    if (chosen) sections.current?.querySelector('button')?.focus();
    else if (shown.current) filter.current?.focus();
    shown.current = true;
  }, [chosen]);

  const pick = (doc: Doc) => (doc.sections.length === 0 ? onPick({ id: doc.id, title: doc.title }) : setChosen(doc));

  return (
    <div class="doc-editor__picker">
      <h2 id={`${idPrefix}-link-title`} class="doc-editor__dialog-title">
        {labels.linkDialogTitle}
      </h2>
      {chosen ? (
        <>
          <p id={`${idPrefix}-link-section`} class="doc-editor__picked">
            <strong>{chosen.title}</strong>
            <br />
            {labels.linkSection}
          </p>
          <ul ref={sections} class="doc-editor__choices" aria-labelledby={`${idPrefix}-link-section`} onKeyDown={moveInList}>
            <li>
              <button type="button" class="doc-editor__choice" onClick={() => onPick({ id: chosen.id, title: chosen.title })}>
                {labels.linkWholeDocument}
              </button>
            </li>
            {chosen.sections.map((section) => (
              <li key={section.slug}>
                <button type="button" class="doc-editor__choice" onClick={() => onPick({ id: chosen.id, title: chosen.title, section })}>
                  {section.text}
                </button>
              </li>
            ))}
          </ul>
          <div class="doc-editor__dialog-actions">
            <button type="button" class="button button--ghost button--small" onClick={() => setChosen(null)}>
              {labels.linkBack}
            </button>
            <button type="button" class="button button--ghost button--small" onClick={onCancel}>
              {labels.cancel}
            </button>
          </div>
        </>
      ) : (
        <>
          <div class="field">
            <label for={`${idPrefix}-link-filter`}>{labels.linkFilter}</label>
            <input
              ref={filter}
              id={`${idPrefix}-link-filter`}
              type="search"
              autofocus
              autocomplete="off"
              value={query}
              aria-controls={`${idPrefix}-link-docs`}
              onInput={(event) => setQuery(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'ArrowDown') {
                  event.preventDefault();
                  list.current?.querySelector('button')?.focus();
                }
                // Enter would send the form around the dialog: here it picks the first document found.
                if (event.key === 'Enter') {
                  event.preventDefault();
                  if (found[0]) pick(found[0]);
                }
                // A search field would take the first Escape for clearing itself; it closes the dialog instead.
                if (event.key === 'Escape') {
                  event.preventDefault();
                  onCancel();
                }
              }}
            />
          </div>
          <ul ref={list} id={`${idPrefix}-link-docs`} class="doc-editor__choices" aria-label={labels.linkDialogTitle} onKeyDown={moveInList}>
            {found.map((doc) => (
              <li key={doc.id}>
                <button type="button" class="doc-editor__choice" onClick={() => pick(doc)}>
                  {doc.title}
                  <small class="doc-editor__choice-id">{doc.id}</small>
                </button>
              </li>
            ))}
          </ul>
          <p class="doc-editor__nothing" role="status">
            {found.length === 0 ? labels.linkNothingFound : ''}
          </p>
          <div class="doc-editor__dialog-actions">
            <button type="button" class="button button--ghost button--small" onClick={onCancel}>
              {labels.cancel}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
