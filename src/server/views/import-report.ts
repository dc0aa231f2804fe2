import type { Translator } from '../../i18n';
import type { Finding, ImportRefusal } from '../word-import';

// What an import did not carry over, and why a file was refused, in words a head understands.

/** One finding of a conversion report: what was dropped or approximated, how often, and where. */
export function findingText(i18n: Pick<Translator, 't' | 'has'>, finding: Pick<Finding, 'count' | 'sample'> & { kind: string }): string {
  const key = `import.finding.${finding.kind}`;
  // A report kept with a draft may name something this version does not word.
  const text = i18n.has(key) ? i18n.t(key, { count: finding.count }) : i18n.t('import.finding.other', { count: finding.count, kind: finding.kind });
  return finding.sample ? `${text} ${i18n.t('import.finding.where', { sample: finding.sample })}` : text;
}

/** Why a file did not become a draft; `existing` names the document whose draft is in the way. */
export function refusalText(t: Translator['t'], reason: ImportRefusal | 'has-draft', existing?: string): string {
  if (reason === 'has-draft') return t('import.refused.has-draft', { title: existing ?? '' });
  return t(`import.refused.${reason}`);
}
