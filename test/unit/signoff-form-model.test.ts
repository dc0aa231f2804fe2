import { describe, expect, it, vi } from 'vitest';
import { SignoffFormModel } from '../../src/islands/signoff-form-model';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe('the sign-off form’s model', () => {
  it('sends nothing until the verdict is complete, and says what is missing', async () => {
    const model = new SignoffFormModel(true);
    const send = vi.fn(async () => ({}));
    await model.submit(form({ comment: '' }), send);
    expect(model.save.value).toEqual({ kind: 'error', problem: 'verdict-required' });
    model.verdict.value = 'needs-work';
    expect(model.commentRequired.value).toBe(true);
    await model.submit(form({ verdict: 'needs-work', comment: '  ' }), send);
    expect(model.save.value).toEqual({ kind: 'error', problem: 'comment-required' });
    await model.submit(form({ verdict: 'needs-work', comment: 'Не назвал следующий шаг' }), send);
    expect(model.save.value).toEqual({ kind: 'error', problem: 'rating-required' });
    expect(send).not.toHaveBeenCalled();
  });

  it('starts from a form the server refused: what was chosen and typed, and why', async () => {
    const model = new SignoffFormModel(true, { verdict: 'needs-work', rating: 2, comment: '', refusal: { kind: 'error', problem: 'comment-required' } });
    expect(model.verdict.value).toBe('needs-work');
    expect(model.rating.value).toBe(2);
    expect(model.commentRequired.value).toBe(true);
    expect(model.save.value).toEqual({ kind: 'error', problem: 'comment-required' });
    const send = vi.fn(async () => ({}));
    await model.submit(form({ verdict: 'needs-work', rating: '2', comment: 'Не назвал дату следующего шага' }), send);
    expect(send).toHaveBeenCalledTimes(1);
    expect(model.save.value).toEqual({ kind: 'saved', verdict: 'needs-work' });
  });

  it('judges what the form holds, even when it was filled before the island woke up', async () => {
    const model = new SignoffFormModel(true);
    const send = vi.fn(async () => ({}));
    await model.submit(form({ verdict: 'needs-work', rating: '3', comment: 'Не назвал следующий шаг' }), send);
    expect(send).toHaveBeenCalledTimes(1);
    expect(model.save.value).toEqual({ kind: 'saved', verdict: 'needs-work' });
  });

  it('sends a complete verdict once, then hands over to onSaved', async () => {
    const model = new SignoffFormModel(false);
    let finish: (value: object) => void = () => {};
    const send = vi.fn(() => new Promise<object>((resolve) => (finish = resolve)));
    const onSaved = vi.fn();
    const first = model.submit(form({ verdict: 'passed' }), send, onSaved);
    expect(model.busy.value).toBe(true);
    await model.submit(form({ verdict: 'passed' }), send, onSaved);
    finish({});
    await first;
    expect(send).toHaveBeenCalledTimes(1);
    expect(model.save.value).toEqual({ kind: 'saved', verdict: 'passed' });
    expect(onSaved).toHaveBeenCalledExactlyOnceWith('passed');
    expect(model.busy.value).toBe(true);
  });

  it('shows the server’s message when it refuses', async () => {
    const model = new SignoffFormModel(false);
    const onSaved = vi.fn();
    await model.submit(form({ verdict: 'passed' }), async () => ({ error: { message: 'У вас нет прав на это действие.' } }), onSaved);
    expect(model.save.value).toEqual({ kind: 'error', problem: 'server', message: 'У вас нет прав на это действие.' });
    expect(onSaved).not.toHaveBeenCalled();
    expect(model.busy.value).toBe(false);
  });
});
