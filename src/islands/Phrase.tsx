import type { Locale, MessagePiece } from '../i18n/format';

interface Props {
  /** The message cut at its values (the translators' `pieces`). */
  pieces: readonly MessagePiece[];
  /** The values that come from the content folder: each is marked with `lang`. */
  content: readonly string[];
  /** The content's language when it is not the interface's (`contentLangFor`); nothing is marked without it. */
  lang: Locale | undefined;
}

/**
 * A sentence of the interface with titles from the content in it, each title in its own language for
 * screen readers. Not an island: it sits with them so that islands may use it; pages render it on the server.
 */
export function Phrase({ pieces, content, lang }: Props) {
  return (
    <>
      {pieces.map((piece) =>
        typeof piece === 'string' ? piece : lang && content.includes(piece.name) ? <span lang={lang}>{piece.text}</span> : piece.text,
      )}
    </>
  );
}
