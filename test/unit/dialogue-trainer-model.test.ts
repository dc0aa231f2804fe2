import { describe, expect, it } from 'vitest';
import type { PathStep } from '../../src/domain/dialogue';
import { createTrainer, type SaveRun } from '../../src/islands/dialogue-trainer-model';
import { checkedContent } from './checked-content';

const coldCall = checkedContent('test/fixtures/content').dialogues.find((d) => d.id === 'cold-call')!.data;

function recorder(answer: Awaited<ReturnType<SaveRun>>) {
  const saved: PathStep[][] = [];
  const save: SaveRun = async (path) => {
    saved.push(path);
    return answer;
  };
  return { saved, save };
}

describe('the trainer’s state', () => {
  it('walks the dialogue step by step, with feedback between, and saves the finished path once, at its last answer', async () => {
    const { saved, save } = recorder({ ok: true, stats: { runs: 1, best: { score: 4, maxScore: 4 } } });
    const trainer = createTrainer(coldCall, save, { runs: 0, best: undefined });
    expect(trainer.phase.value).toBe('intro');
    expect(trainer.choose(0)).toBe(false);
    trainer.start();
    expect(trainer.node.value.client).toBe('Компания «Альфа», слушаю.');
    expect(trainer.choose(5)).toBe(false);
    expect(trainer.choose(0)).toBe(true);
    expect(trainer.phase.value).toBe('feedback');
    expect(trainer.choose(1)).toBe(false);
    expect(trainer.transcript.value.at(-1)).toMatchObject({ node: 'hello', best: 2, option: { score: 2 } });
    trainer.next();
    expect(trainer.phase.value).toBe('answering');
    expect(trainer.node.value.client).toMatch(/Пётр Иванович/);
    trainer.choose(0);
    // The last answer saves the run at once, before the person asks to see the ending.
    expect(saved).toEqual([[{ node: 'hello', choice: 0 }, { node: 'who', choice: 0 }]]);
    expect(trainer.phase.value).toBe('feedback');
    await trainer.next();
    expect(trainer.phase.value).toBe('done');
    expect(trainer.run.value).toMatchObject({ ending: 'good', score: 4, maxScore: 4 });
    expect(saved).toEqual([[{ node: 'hello', choice: 0 }, { node: 'who', choice: 0 }]]);
    expect(trainer.saveState.value).toEqual({ kind: 'saved' });
    expect(trainer.stats.value).toEqual({ runs: 1, best: { score: 4, maxScore: 4 } });
  });

  it('keeps the run and offers to save again when saving fails', async () => {
    const { saved, save } = recorder({ ok: false, message: 'нет связи' });
    const trainer = createTrainer(coldCall, save, { runs: 0, best: undefined });
    trainer.start();
    trainer.choose(1);
    await trainer.next();
    expect(trainer.saveState.value).toEqual({ kind: 'failed', message: 'нет связи' });
    expect(trainer.run.value).toMatchObject({ ending: 'bad', score: 0, maxScore: 2 });
    await trainer.retry();
    expect(saved).toHaveLength(2);
    expect(trainer.stats.value).toEqual({ runs: 0, best: undefined });
  });

  it('starts again from the first step', () => {
    const trainer = createTrainer(coldCall, recorder({ ok: false, message: '' }).save, { runs: 0, best: undefined });
    trainer.start();
    trainer.choose(0);
    trainer.start();
    expect(trainer.path.value).toEqual([]);
    expect(trainer.at.value).toBe('hello');
  });
});
