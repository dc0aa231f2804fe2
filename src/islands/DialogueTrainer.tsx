import { actions } from 'astro:actions';
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { scorePercent, type PracticeDialogue } from '../domain/dialogue';
import { areaTranslator, type Locale } from '../i18n/format';
import { trainerEn, trainerRu } from '../i18n/trainer';
import { createTrainer, type PracticeStats, type SaveRun, type Trainer } from './dialogue-trainer-model';
import { useHydrated } from './use-hydrated';
import './DialogueTrainer.css';

export interface Props {
  dialogueId: string;
  version: string;
  /** The whole dialogue: content, not a secret, sent once so that no step needs a request. */
  dialogue: PracticeDialogue;
  locale: Locale;
  /** The content's language when it is not the interface's: the client's lines, the options and the feedback are marked with it. */
  contentLang?: Locale;
  stats: PracticeStats;
  /** Title and address of each document section an answer points to, by its `doc` link. */
  links: Record<string, { href: string; label: string }>;
  myRunsHref: string;
}

type T = ReturnType<typeof areaTranslator<keyof typeof trainerRu>>;

/** The script trainer: the client's line, the manager's options, feedback after each, the result at the end. */
export default function DialogueTrainer(props: Props) {
  const i18n = areaTranslator(props.locale === 'ru' ? trainerRu : trainerEn, props.locale);
  const [trainer] = useState(() => createTrainer(props.dialogue, saveWith(props, i18n), props.stats));
  const phase = trainer.phase.value;
  const focusTarget = useRef<HTMLElement>(null);
  const hydrated = useHydrated();

  // Number keys pick an answer while the client waits for one.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || !/^[1-9]$/.test(event.key)) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (trainer.choose(Number(event.key) - 1)) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [trainer]);

  // Move focus to what changed, so keyboard and screen-reader users follow the conversation.
  useEffect(() => {
    if (phase !== 'intro') focusTarget.current?.focus();
  }, [phase, trainer.path.value.length]);

  return (
    <div class="trainer">
      {phase === 'intro' ? (
        <Intro trainer={trainer} i18n={i18n} myRunsHref={props.myRunsHref} ready={hydrated} />
      ) : (
        <>
          <Transcript trainer={trainer} i18n={i18n} lang={props.contentLang} />
          {phase === 'answering' && <Answering trainer={trainer} i18n={i18n} lang={props.contentLang} focus={focusTarget} />}
          {phase === 'feedback' && <Feedback trainer={trainer} i18n={i18n} lang={props.contentLang} focus={focusTarget} />}
          {phase === 'done' && <Result trainer={trainer} i18n={i18n} lang={props.contentLang} links={props.links} focus={focusTarget} />}
        </>
      )}
    </div>
  );
}

function saveWith(props: Props, i18n: T): SaveRun {
  return async (path) => {
    try {
      const { data, error } = await actions.recordDialogueRun({ dialogueId: props.dialogueId, version: props.version, path });
      if (error) return { ok: false, message: error.message };
      return { ok: true, stats: { runs: data.runs, best: data.best } };
    } catch {
      return { ok: false, message: i18n.t('trainer.offline') };
    }
  };
}

function Stats({ trainer, i18n }: { trainer: Trainer; i18n: T }) {
  const { runs, best } = trainer.stats.value;
  return (
    <p class="trainer__stats" data-testid="practice-stats">
      {best ? i18n.t('trainer.stats', { score: best.score, max: best.maxScore, percent: scorePercent(best.score, best.maxScore), runs }) : i18n.t('trainer.noRuns')}
    </p>
  );
}

function Intro({ trainer, i18n, myRunsHref, ready }: { trainer: Trainer; i18n: T; myRunsHref: string; ready: boolean }) {
  return (
    <>
      <p>{i18n.t('trainer.intro')}</p>
      <Stats trainer={trainer} i18n={i18n} />
      <p class="trainer__actions">
        <button type="button" class="button" disabled={!ready} onClick={() => trainer.start()}>{i18n.t('trainer.start')}</button>
        <a href={myRunsHref}>{i18n.t('trainer.myRuns')}</a>
      </p>
      <p class="trainer__hint">{i18n.t('trainer.keys')}</p>
    </>
  );
}

/** One line of the conversation: who says it, in the interface's words, and what, in the content's (`lang`). */
function Line({ who, label, lang, children }: { who: 'client' | 'manager'; label: string; lang: Locale | undefined; children: ComponentChildren }) {
  return (
    <div class={`say say--${who}`}>
      <div class="say__who">{label}</div>
      <div class="say__line" lang={lang}>{children}</div>
    </div>
  );
}

/** The answers already discussed, as a conversation. */
function Transcript({ trainer, i18n, lang }: { trainer: Trainer; i18n: T; lang: Locale | undefined }) {
  const done = trainer.phase.value === 'feedback' ? trainer.transcript.value.slice(0, -1) : trainer.transcript.value;
  if (done.length === 0) return null;
  return (
    <ol class="trainer__transcript">
      {done.map((step) => (
        <li key={step.node}>
          <Line who="client" label={i18n.t('trainer.client')} lang={lang}>{step.client}</Line>
          <Line who="manager" label={i18n.t('trainer.you')} lang={lang}>{step.option.text}</Line>
        </li>
      ))}
    </ol>
  );
}

export function Answering({ trainer, i18n, lang, focus }: { trainer: Trainer; i18n: T; lang: Locale | undefined; focus: RefObject<HTMLElement> }) {
  const node = trainer.node.value;
  const step = trainer.path.value.length + 1;
  return (
    <div class="trainer__step">
      <p class="trainer__label">{i18n.t('trainer.step', { n: step })}</p>
      <div ref={focus as RefObject<HTMLDivElement>} tabIndex={-1} class="trainer__focus" data-testid="client-line">
        <Line who="client" label={i18n.t('trainer.client')} lang={lang}>{node.client}</Line>
      </div>
      <div role="group" aria-label={i18n.t('trainer.choose')}>
        <ol class="trainer__options">
          {node.options!.map((option, index) => (
            <li key={index}>
              <button type="button" class="trainer__option" onClick={() => trainer.choose(index)}>
                <kbd aria-hidden="true">{index + 1}</kbd>
                <span lang={lang}>{option.text}</span>
              </button>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

export function Feedback({ trainer, i18n, lang, focus }: { trainer: Trainer; i18n: T; lang: Locale | undefined; focus: RefObject<HTMLElement> }) {
  const last = trainer.transcript.value.at(-1)!;
  const isBest = last.option.score === last.best;
  const ends = !trainer.node.value.options;
  return (
    <div class="trainer__step">
      <Line who="client" label={i18n.t('trainer.client')} lang={lang}>{last.client}</Line>
      <Line who="manager" label={i18n.t('trainer.you')} lang={lang}>{last.option.text}</Line>
      <div class={`trainer__feedback ${isBest ? 'trainer__feedback--best' : ''}`} role="status">
        <p class="trainer__verdict">
          <span class={`badge ${isBest ? 'badge--ok' : 'badge--warn'}`}>{i18n.t(isBest ? 'trainer.best' : 'trainer.couldBeBetter')}</span>{' '}
          {i18n.t('trainer.points', { score: last.option.score, max: last.best })}
        </p>
        <p lang={lang}>{last.option.feedback}</p>
      </div>
      <button ref={focus as RefObject<HTMLButtonElement>} type="button" class="button" onClick={() => void trainer.next()}>
        {i18n.t(ends ? 'trainer.finish' : 'trainer.next')}
      </button>
    </div>
  );
}

export function Result({ trainer, i18n, lang, links, focus }: { trainer: Trainer; i18n: T; lang: Locale | undefined; links: Props['links']; focus: RefObject<HTMLElement> }) {
  const run = trainer.run.value;
  const save = trainer.saveState.value;
  if (!run) return null;
  const lost = run.steps.map((step, index) => ({ step, n: index + 1 })).filter(({ step }) => step.lost > 0);
  return (
    <div class="trainer__result">
      <Line who="client" label={i18n.t('trainer.client')} lang={lang}>{trainer.node.value.client}</Line>
      <div class={`trainer__outcome trainer__outcome--${run.ending}`}>
        <p><span class={`badge ${run.ending === 'good' ? 'badge--ok' : 'badge--danger'}`}>{i18n.t(`trainer.ending.${run.ending}`)}</span></p>
        <p lang={lang}>{run.outcome}</p>
      </div>
      <h3 ref={focus as RefObject<HTMLHeadingElement>} tabIndex={-1} class="trainer__focus" data-testid="run-result">
        {i18n.t('trainer.result', { score: run.score, max: run.maxScore, percent: scorePercent(run.score, run.maxScore) })}
      </h3>
      <p class="trainer__hint">{i18n.t('trainer.resultNote')}</p>
      <h4>{i18n.t('trainer.lost')}</h4>
      {lost.length === 0 ? (
        <p>{i18n.t('trainer.noneLost')}</p>
      ) : (
        <ol class="trainer__lost">
          {lost.map(({ step, n }) => {
            const doc = step.option.doc ?? step.best.doc;
            const link = doc ? links[doc] : undefined;
            return (
              <li key={n}>
                <p class="trainer__label">{i18n.t('trainer.lostStep', { n, lost: step.lost })}</p>
                <p>
                  <strong>{i18n.t('trainer.yourAnswer')}:</strong> <span lang={lang}>{step.option.text}</span>
                </p>
                <p class="trainer__why" lang={lang}>{step.option.feedback}</p>
                <p>
                  <strong>{i18n.t('trainer.betterAnswer')}:</strong> <span lang={lang}>{step.best.text}</span>
                </p>
                {link && (
                  <p>
                    {i18n.t('trainer.readMore')}: <a href={link.href} lang={lang}>{link.label}</a>
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <div class="trainer__save" aria-live="polite">
        {save.kind === 'saving' && <p>{i18n.t('trainer.saving')}</p>}
        {save.kind === 'saved' && <p class="notice notice--ok">{i18n.t('trainer.saved')}</p>}
        {save.kind === 'failed' && (
          <div class="notice notice--error" role="alert">
            <p>{i18n.t('trainer.saveFailed', { reason: save.message })}</p>
            <button type="button" class="button button--ghost button--small" onClick={() => void trainer.retry()}>{i18n.t('trainer.retry')}</button>
          </div>
        )}
      </div>
      <Stats trainer={trainer} i18n={i18n} />
      <p class="trainer__actions">
        <button type="button" class="button" onClick={() => trainer.start()}>{i18n.t('trainer.again')}</button>
      </p>
    </div>
  );
}
