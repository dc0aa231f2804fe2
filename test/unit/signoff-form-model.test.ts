import { describe, expect, it, vi } from 'vitest';
import { SignoffFormModel } from '../../src/islands/signoff-form-model';

describe('the sign-off form’s model', () => {
  it('sends nothing until the verdict is complete, and says what is missing', async () => {
    const model = new SignoffFormModel(true);
    const send = vi.fn(async () => ({}));
    await model.submit(new FormData(), send);
    expect(model.save.value).toEqual({ kind: 'error', problem: 'verdict-required' });
    model.verdict.value = 'needs-work';
    expect(model.commentRequired.value).toBe(true);
    await model.submit(new FormData(), send);
    expect(model.save.value).toEqual({ kind: 'error', problem: 'comment-required' });
    model.comment.value = 'Не назвал следующий шаг';
    await model.submit(new FormData(), send);
    expect(model.save.value).toEqual({ kind: 'error', problem: 'rating-required' });
    expect(send).not.toHaveBeenCalled();
  });

  it('sends a complete verdict once and shows it saved', async () => {
    const model = new SignoffFormModel(false);
    model.verdict.value = 'passed';
    let finish: (value: object) => void = () => {};
    const send = vi.fn(() => new Promise<object>((resolve) => (finish = resolve)));
    const first = model.submit(new FormData(), send);
    expect(model.saving.value).toBe(true);
    await model.submit(new FormData(), send);
    finish({});
    await first;
    expect(send).toHaveBeenCalledTimes(1);
    expect(model.save.value).toEqual({ kind: 'saved', verdict: 'passed' });
  });

  it('shows the server’s message when it refuses', async () => {
    const model = new SignoffFormModel(false);
    model.verdict.value = 'passed';
    await model.submit(new FormData(), async () => ({ error: { message: 'У вас нет прав на это действие.' } }));
    expect(model.save.value).toEqual({ kind: 'error', problem: 'server', message: 'У вас нет прав на это действие.' });
  });
});
