import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  bulletList,
  callout,
  emphasis,
  escapeLinkText,
  heading,
  insertBlock,
  insertLink,
  markdownLink,
  numberedList,
  say,
  steps,
  table,
  tableSkeleton,
  type Edit,
} from '../../src/islands/doc-editor/commands';
import { EditorModel, filterLinks, type PreviewPort } from '../../src/islands/doc-editor/model';

// A text with its selection written in: «…» around a selection, ‸ for a bare cursor.
function parse(marked: string): [string, number, number] {
  const cursor = marked.indexOf('‸');
  if (cursor !== -1) return [marked.replace('‸', ''), cursor, cursor];
  const from = marked.indexOf('«');
  const to = marked.indexOf('»') - 1;
  if (from === -1 || to < from) throw new Error(`no selection in ${marked}`);
  return [marked.replace('«', '').replace('»', ''), from, to];
}

function marked(result: Edit): string {
  const { text, selection } = result;
  if (selection.from === selection.to) return `${text.slice(0, selection.from)}‸${text.slice(selection.from)}`;
  return `${text.slice(0, selection.from)}«${text.slice(selection.from, selection.to)}»${text.slice(selection.to)}`;
}

/** Runs a command on a marked text and answers the marked result, checking the change gives the same text. */
function run(command: (text: string, from: number, to: number) => Edit, input: string): string {
  const [text, from, to] = parse(input);
  const result = command(text, from, to);
  const { change } = result;
  expect(text.slice(0, change.from) + change.insert + text.slice(change.to)).toBe(result.text);
  return marked(result);
}

const bold = (text: string, from: number, to: number) => emphasis(text, from, to, '**');
const italic = (text: string, from: number, to: number) => emphasis(text, from, to, '*');

describe('bold and italic', () => {
  it('wrap the selection and keep it on the text', () => {
    expect(run(bold, 'Отвечаем за «15 минут».')).toBe('Отвечаем за **«15 минут»**.');
    expect(run(italic, 'a «word» b')).toBe('a *«word»* b');
  });

  it('put an empty pair at a bare cursor, with the cursor between', () => {
    expect(run(bold, 'a ‸b')).toBe('a **‸**b');
    expect(run(italic, '‸')).toBe('*‸*');
  });

  it('unwrap what is wrapped already, the markers outside or inside the selection', () => {
    expect(run(bold, 'a **«word»** b')).toBe('a «word» b');
    expect(run(bold, 'a «**word**» b')).toBe('a «word» b');
    expect(run(italic, 'a «*word*» b')).toBe('a «word» b');
    expect(run(bold, 'a **‸** b')).toBe('a ‸ b');
  });

  it('tell bold from italic, both written with asterisks', () => {
    expect(run(italic, 'a **«word»** b')).toBe('a ***«word»*** b');
    expect(run(bold, 'a *«word»* b')).toBe('a ***«word»*** b');
    expect(run(bold, 'a ***«word»*** b')).toBe('a *«word»* b');
    expect(run(italic, 'a ***«word»*** b')).toBe('a **«word»** b');
    expect(run(italic, 'a «**word**» b')).toBe('a *«**word**»* b');
  });

  it('leave spaces at the ends of the selection outside the markers', () => {
    expect(run(bold, 'a« word »b')).toBe('a **«word»** b');
    expect(run(bold, 'a« »b')).toBe('a **‸**b');
  });

  it('wrap each line of a selection over several lines on its own, after list and heading markup', () => {
    expect(run(bold, '«- one\n- two\n\n## Three»')).toBe('«- **one**\n- **two**\n\n## **Three**»');
    expect(run(bold, '- o«ne\n- two»')).toBe('- o«**ne**\n- **two**»');
    expect(run(italic, '«first \nsecond\n»next')).toBe('«*first* \n*second*\n»next');
    expect(run(bold, '«- **one**\n- **two**»')).toBe('«- one\n- two»');
  });
});

describe('headings', () => {
  it('make the cursor’s line a heading, the cursor staying where it was in the text', () => {
    expect(run((t, f, to) => heading(t, f, to, 2), 'Сро‸ки')).toBe('## Сро‸ки');
    expect(run((t, f, to) => heading(t, f, to, 3), 'Сроки‸')).toBe('### Сроки‸');
    expect(run((t, f, to) => heading(t, f, to, 2), '‸')).toBe('## ‸');
  });

  it('change the level, or go back to plain text when the line is at that level already', () => {
    expect(run((t, f, to) => heading(t, f, to, 2), '### Сро‸ки')).toBe('## Сро‸ки');
    expect(run((t, f, to) => heading(t, f, to, 2), '## Сро‸ки')).toBe('Сро‸ки');
    expect(run((t, f, to) => heading(t, f, to, 2), '‸## Сроки')).toBe('‸Сроки');
  });

  it('are parted from the paragraph around them by blank lines', () => {
    expect(run((t, f, to) => heading(t, f, to, 2), 'one\ntw‸o\nthree')).toBe('one\n\n## tw‸o\n\nthree');
    expect(run((t, f, to) => heading(t, f, to, 2), 'a\n‸\nb')).toBe('a\n\n## ‸\n\nb');
    expect(run((t, f, to) => heading(t, f, to, 2), 'a\n\nb‸\n\nc')).toBe('a\n\n## b‸\n\nc');
  });

  it('apply to every written line of a selection', () => {
    expect(run((t, f, to) => heading(t, f, to, 3), 'x\n\n«a\n\nb»')).toBe('x\n\n«### a\n\n### b»');
  });
});

describe('lists', () => {
  it('turn the cursor’s line into an item', () => {
    expect(run(bulletList, 'Позвонить‸')).toBe('- Позвонить‸');
    expect(run(numberedList, 'Позв‸онить')).toBe('1. Позв‸онить');
    expect(run(bulletList, '‸')).toBe('- ‸');
  });

  it('turn every line of a selection into an item, blank lines staying blank', () => {
    expect(run(bulletList, '«one\ntwo\n\nthree»')).toBe('«- one\n- two\n\n- three»');
    expect(run(numberedList, '«one\n- two\nthree»')).toBe('«1. one\n2. two\n3. three»');
    expect(run(bulletList, 'x\n\non«e\ntw»o')).toBe('x\n\n«- one\n- two»');
    expect(run(bulletList, '«one\ntwo\n»three')).toBe('«- one\n- two»\n\nthree');
  });

  it('switch between bullets and numbers, and back to plain lines when all are items of that kind', () => {
    expect(run(bulletList, '«1. a\n2. b»')).toBe('«- a\n- b»');
    expect(run(numberedList, '«- a\n- b»')).toBe('«1. a\n2. b»');
    expect(run(bulletList, '«- a\n- b»')).toBe('«a\nb»');
    expect(run(numberedList, '«1. a\n2) b»')).toBe('«a\nb»');
    expect(run(bulletList, '- ab‸c')).toBe('ab‸c');
    expect(run(bulletList, '  * nested‸')).toBe('  nested‸');
  });

  it('are parted from a paragraph by blank lines, so it does not run into them', () => {
    expect(run(bulletList, 'intro\nit‸em\nmore')).toBe('intro\n\n- it‸em\n\nmore');
    expect(run(bulletList, '- a\nb‸\n- c')).toBe('- a\n- b‸\n- c');
  });
});

describe('blocks', () => {
  it('insert a callout with blank lines around its inner Markdown and the cursor inside', () => {
    expect(run((t, f, to) => callout(t, f, to, 'note'), '‸')).toBe('<Callout type="note">\n\n‸\n\n</Callout>\n');
    expect(run((t, f, to) => callout(t, f, to, 'warning'), 'Intro\n\n‸')).toBe('Intro\n\n<Callout type="warning">\n\n‸\n\n</Callout>\n');
  });

  it('split a paragraph when inserted in its middle, with the blank lines MDX needs', () => {
    expect(run((t, f, to) => callout(t, f, to, 'note'), 'First part ‸ second part.')).toBe(
      'First part\n\n<Callout type="note">\n\n‸\n\n</Callout>\n\nsecond part.',
    );
    expect(run((t, f, to) => say(t, f, to, 'client'), 'One‸\nTwo')).toBe('One\n\n<Say who="client">‸</Say>\n\nTwo');
  });

  it('wrap the selection, without the blank lines around it', () => {
    expect(run((t, f, to) => callout(t, f, to, 'warning'), 'Intro\n\n«Be careful.»\n\nOutro')).toBe(
      'Intro\n\n<Callout type="warning">\n\n«Be careful.»\n\n</Callout>\n\nOutro',
    );
    expect(run((t, f, to) => callout(t, f, to, 'note'), 'a\n«\nb\n»c')).toBe('a\n\n<Callout type="note">\n\n«b»\n\n</Callout>\n\nc');
  });

  it('insert steps as a numbered list, numbering the selected lines', () => {
    expect(run(steps, 'Порядок:\n‸')).toBe('Порядок:\n\n<Steps>\n\n1. ‸\n\n</Steps>\n');
    expect(run(steps, '«Принять\n- Позвонить\n3. Записать»')).toBe('<Steps>\n\n«1. Принять\n2. Позвонить\n3. Записать»\n\n</Steps>\n');
  });

  it('insert a dialogue line on one line, the selection joined into it', () => {
    expect(run((t, f, to) => say(t, f, to, 'manager'), '«Добрый день,\n  это „Опора“?»')).toBe('<Say who="manager">«Добрый день, это „Опора“?»</Say>\n');
  });

  it('keep what follows when it is apart already, and end the text with a line break', () => {
    expect(insertBlock('a\n\nb', 2, 2, 'X', { from: 0, to: 1 }).text).toBe('a\n\nX\n\nb');
    expect(insertBlock('a\n', 2, 2, 'X', { from: 0, to: 0 }).text).toBe('a\n\nX\n');
    expect(insertBlock('a', 1, 1, 'X', { from: 0, to: 0 }).text).toBe('a\n\nX\n');
  });
});

describe('tables', () => {
  it('are a three-column GFM skeleton with a header row', () => {
    expect(tableSkeleton(['Кто', 'Что', 'Когда'])).toBe('| Кто | Что | Когда |\n| --- | --- | --- |\n|  |  |  |');
    expect(tableSkeleton(['a|b', ' c ', 'd'])).toBe('| a\\|b | c | d |\n| --- | --- | --- |\n|  |  |  |');
  });

  it('go after the selection as a block, the first header selected for typing over', () => {
    const headers = ['A', 'B', 'C'] as const;
    expect(run((t, f, to) => table(t, f, to, headers), 'Para‸')).toBe('Para\n\n| «A» | B | C |\n| --- | --- | --- |\n|  |  |  |\n');
    expect(run((t, f, to) => table(t, f, to, headers), '«Keep» this')).toBe('Keep\n\n| «A» | B | C |\n| --- | --- | --- |\n|  |  |  |\n\nthis');
  });
});

describe('links', () => {
  it('point to a document or a section by its address on the site', () => {
    expect(markdownLink('Скидки', 'discounts')).toBe('[Скидки](/docs/discounts/)');
    expect(markdownLink('Сроки ответа', 'inbound-leads', 'сроки-ответа')).toBe('[Сроки ответа](/docs/inbound-leads/#сроки-ответа)');
    expect(markdownLink('x', 'doc', 'a (b)')).toBe('[x](/docs/doc/#a%20%28b%29)');
  });

  it('escape what would end the link or start markup in a title', () => {
    expect(markdownLink('Прайс [2026]', 'price')).toBe('[Прайс \\[2026\\]](/docs/price/)');
    expect(escapeLinkText('a {b} <C> *d* _e_ `f` \\ ]')).toBe('a \\{b\\} \\<C> \\*d\\* \\_e\\_ \\`f\\` \\\\ \\]');
    expect(escapeLinkText('  two\nlines  ')).toBe('two lines');
  });

  it('use the title at a bare cursor and leave the cursor after the link', () => {
    expect(run((t, f, to) => insertLink(t, f, to, { id: 'discounts', title: 'Скидки [черновик]' }), 'См. ‸.')).toBe(
      'См. [Скидки \\[черновик\\]](/docs/discounts/)‸.',
    );
    const section = { slug: 'limits', text: 'Лимиты' };
    expect(run((t, f, to) => insertLink(t, f, to, { id: 'discounts', title: 'Скидки', section }), '‸')).toBe('[Лимиты](/docs/discounts/#limits)‸');
  });

  it('make the selection the link text, on one line, its unescaped brackets escaped', () => {
    const target = { id: 'd', title: 'Doc' };
    expect(run((t, f, to) => insertLink(t, f, to, target), 'See «the rules» now')).toBe('See [the rules](/docs/d/)‸ now');
    expect(run((t, f, to) => insertLink(t, f, to, target), '«a [b] \\[c\\] **d**»')).toBe('[a \\[b\\] \\[c\\] **d**](/docs/d/)‸');
    expect(run((t, f, to) => insertLink(t, f, to, target), '«two\nlines \n»next')).toBe('[two lines](/docs/d/)‸ \nnext');
  });
});

describe('the link picker’s filter', () => {
  const links = [
    { id: 'inbound-leads', title: 'Входящие заявки' },
    { id: 'discounts', title: 'Скидки и наценки' },
    { id: 'tenders', title: 'Тендеры: ещё один регламент' },
  ];

  it('keeps every document for an empty query, in order', () => {
    expect(filterLinks(links, '  ')).toEqual(links);
  });

  it('matches every word typed, in the title or the id, ignoring case and ё', () => {
    expect(filterLinks(links, 'СКИДКИ').map((l) => l.id)).toEqual(['discounts']);
    expect(filterLinks(links, 'наценки скидки').map((l) => l.id)).toEqual(['discounts']);
    expect(filterLinks(links, 'еще').map((l) => l.id)).toEqual(['tenders']);
    expect(filterLinks(links, 'inbound').map((l) => l.id)).toEqual(['inbound-leads']);
    expect(filterLinks(links, 'скидки тендеры')).toEqual([]);
  });
});

describe('the editor’s state', () => {
  afterEach(() => vi.useRealTimers());

  function port(answer: () => Promise<Response>) {
    const shown: string[] = [];
    const sent: AbortSignal[] = [];
    const fake: PreviewPort = {
      readForm: () => new FormData(),
      send: (_form, signal) => {
        sent.push(signal);
        return answer();
      },
      show: (html) => void shown.push(html),
    };
    return { fake, shown, sent };
  }

  it('knows when the body differs from the saved one', () => {
    const model = new EditorModel(port(() => Promise.resolve(new Response(''))).fake);
    model.load('a', 'a');
    expect(model.dirty.value).toBe(false);
    model.edited('ab');
    expect(model.dirty.value).toBe(true);
    model.edited('a');
    expect(model.dirty.value).toBe(false);
    model.load('a', 'typed before the island woke up');
    expect(model.dirty.value).toBe(true);
    model[Symbol.dispose]();
  });

  it('asks for a preview once typing has paused, and shows it', async () => {
    vi.useFakeTimers();
    const { fake, shown, sent } = port(() => Promise.resolve(new Response('<p>ok</p>', { status: 200 })));
    const model = new EditorModel(fake, 800);
    model.edited('a');
    await vi.advanceTimersByTimeAsync(500);
    model.edited('ab');
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toHaveLength(1);
    expect(shown).toEqual(['<p>ok</p>']);
    expect(model.preview.value).toEqual({ kind: 'shown' });
    expect(model.loading.value).toBe(false);
    expect(model.stale.value).toBe(false);
    model[Symbol.dispose]();
  });

  it('shows the server’s message when it cannot render the body, leaving the last preview stale', async () => {
    const answer = () => Promise.resolve(Response.json({ message: 'Строка 3: незакрытый тег Callout' }, { status: 400 }));
    const { fake, shown } = port(answer);
    const model = new EditorModel(fake);
    await model.refresh();
    expect(shown).toEqual([]);
    expect(model.preview.value).toEqual({ kind: 'refused', message: 'Строка 3: незакрытый тег Callout' });
    expect(model.stale.value).toBe(true);
    model[Symbol.dispose]();
  });

  it('calls the preview unavailable on a network failure or an answer that is not a preview', async () => {
    for (const answer of [
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.resolve(new Response('oops', { status: 500 })),
      () => Promise.resolve(new Response('not json', { status: 400 })),
    ]) {
      const model = new EditorModel(port(answer).fake);
      await model.refresh();
      expect(model.preview.value).toEqual({ kind: 'unavailable' });
      expect(model.stale.value).toBe(true);
      model[Symbol.dispose]();
    }
  });

  it('abandons a request still running when a newer one starts, or when it is disposed', async () => {
    const pending: ((response: Response) => void)[] = [];
    const { fake, shown, sent } = port(() => new Promise<Response>((resolve) => pending.push(resolve)));
    const model = new EditorModel(fake);
    const first = model.refresh();
    const second = model.refresh();
    expect(sent[0]?.aborted).toBe(true);
    expect(sent[1]?.aborted).toBe(false);
    pending[1]?.(new Response('<p>new</p>', { status: 200 }));
    await second;
    pending[0]?.(new Response('<p>old</p>', { status: 200 }));
    await first;
    expect(shown).toEqual(['<p>new</p>']);
    expect(model.loading.value).toBe(false);
    // The island going away abandons its request too.
    void model.refresh();
    expect(sent[2]?.aborted).toBe(false);
    model[Symbol.dispose]();
    expect(sent[2]?.aborted).toBe(true);
  });
});
