// Two heads may edit the same document. Every edit says which text it started from; saving over a
// text that has changed since is refused, and both texts are kept for the person to compare.

/** The text an edit started from: its version and the hash of its content. */
export interface EditBase {
  version: string;
  contentHash: string;
}

export type BaseCheck = { ok: true } | { ok: false; reason: 'newer-version' | 'changed-text'; current: EditBase };

/** Whether an edit that started from `base` may be saved over what is there now. */
export function checkEditBase(base: EditBase, current: EditBase): BaseCheck {
  if (base.version !== current.version) return { ok: false, reason: 'newer-version', current };
  if (base.contentHash !== current.contentHash) return { ok: false, reason: 'changed-text', current };
  return { ok: true };
}
