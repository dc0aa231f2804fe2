import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { dialogueById } from '../content';
import { practiceSummary, scoreRun, type PathProblem } from '../domain/dialogue';
import type { Translator } from '../i18n';
import { recordDialogueRun } from '../server/records/dialogue-runs';
import { authorize } from './guard';
import { services } from '../server/services';

function pathMessage(problem: PathProblem, t: Translator['t']): string {
  switch (problem.code) {
    case 'empty':
      return t('trainer.path.empty');
    case 'wrong-step':
      return t('trainer.path.wrongStep', { step: problem.step, expected: problem.expected, got: problem.got });
    case 'no-such-option':
      return t('trainer.path.noOption', { step: problem.step, node: problem.node, choice: problem.choice + 1 });
    case 'after-ending':
      return t('trainer.path.afterEnding', { step: problem.step });
    case 'unfinished':
      return t('trainer.path.unfinished', { node: problem.node });
  }
}

/** The script trainer: a finished run through a practice dialogue. */
export const trainerActions = {
  recordDialogueRun: defineAction({
    input: z.object({
      dialogueId: z.string().min(1).max(64),
      version: z.string().regex(/^\d+\.\d+$/),
      path: z.array(z.object({ node: z.string().min(1).max(64), choice: z.number().int().min(0).max(99) })).max(200),
    }),
    handler: async (input, context) => {
      const user = authorize(context, 'dialogue.practise');
      const { t } = context.locals.i18n;
      const dialogue = await dialogueById(input.dialogueId);
      if (!dialogue) throw new ActionError({ code: 'NOT_FOUND', message: t('trainer.noDialogue') });
      if (dialogue.data.version !== input.version) {
        throw new ActionError({ code: 'CONFLICT', message: t('trainer.versionChanged', { version: dialogue.data.version }) });
      }
      // The score comes from the path and the content, never from the browser.
      const scored = scoreRun(dialogue.data, input.path);
      if (!scored.ok) throw new ActionError({ code: 'BAD_REQUEST', message: pathMessage(scored.problem, t) });
      const { store } = await services();
      const { run, runs } = await recordDialogueRun(store, { userId: user.id, dialogueId: dialogue.id, version: dialogue.data.version, run: scored.run }, ({ run }) => ({
        actor: user.id,
        action: 'dialogue.practise',
        subject: `dialogue:${dialogue.id}`,
        details: { version: run.version, score: run.score, maxScore: run.maxScore, ending: run.ending, end: run.end, steps: run.path.length },
      }));
      const { best } = practiceSummary(runs, dialogue.id);
      return {
        score: run.score,
        maxScore: run.maxScore,
        ending: run.ending,
        runs: runs.length,
        best: best && { score: best.score, maxScore: best.maxScore },
      };
    },
  }),
};
