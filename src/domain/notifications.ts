import { parseVersion } from './versions';
import { docHref } from './doc-links';

// What people are told, as rules: where each notification leads, and which document versions are
// news to their readers. The records live in the store (src/server/records/notifications.ts).

/** Enough of a notification to know where it leads. */
export type NotificationTarget =
  | { kind: 'signoff-verdict'; checklistId: string; itemId: string }
  | { kind: 'signoff-request'; traineeLogin: string; checklistId: string; itemId: string }
  | { kind: 'doc-version'; docId: string }
  | { kind: 'doc-review'; docId: string }
  | { kind: 'overdue'; traineeLogin: string }
  | { kind: 'expiry'; itemKind: 'skill' | 'quiz' | 'doc'; itemId: string };

/** The anchor of a checklist item on the pages that show skills. */
export const skillAnchor = (checklistId: string, itemId: string) => `item-${checklistId}-${itemId}`;

/**
 * Where a notification leads, to act on it: the checklist item judged, the trainee's item where the
 * mentor gives the verdict, the document to read and confirm or to review, the page of a person who is
 * late, and for a pass that expires, where it is renewed (the skill on its checklist, the quiz, the document).
 */
export function notificationHref(target: NotificationTarget): string {
  switch (target.kind) {
    case 'signoff-verdict':
      return `/checklists/${encodeURIComponent(target.checklistId)}/#${encodeURIComponent(skillAnchor(target.checklistId, target.itemId))}`;
    case 'signoff-request':
      return `/team/${encodeURIComponent(target.traineeLogin)}/skills/#${encodeURIComponent(skillAnchor(target.checklistId, target.itemId))}`;
    case 'doc-version':
    case 'doc-review':
      return docHref(target.docId);
    case 'overdue':
      return `/team/${encodeURIComponent(target.traineeLogin)}/`;
    case 'expiry': {
      if (target.itemKind === 'doc') return docHref(target.itemId);
      if (target.itemKind === 'quiz') return `/quizzes/${encodeURIComponent(target.itemId)}/`;
      const [checklistId = '', itemId = ''] = target.itemId.split('/');
      return `/checklists/${encodeURIComponent(checklistId)}/#${encodeURIComponent(skillAnchor(checklistId, itemId))}`;
    }
  }
}

/** A document as announcements see it. */
export interface AnnouncedDoc {
  id: string;
  version: string;
  status: 'draft' | 'active' | 'archived';
}

/**
 * The document versions to tell readers about, and what to remember as told. `told` is what was told
 * before, by document id; null the first time, when the documents are taken as they are and nobody is
 * told (a new portal, or one upgraded to notifications, does not announce its whole library). A
 * document is news when it is active and either new since then or in a new major version; a minor
 * version asks nobody to read again, so it is remembered without telling.
 */
export function docAnnouncements(
  told: Readonly<Record<string, string>> | null,
  docs: readonly AnnouncedDoc[],
): { announce: { docId: string; version: string }[]; told: Record<string, string> } {
  const active = docs.filter((doc) => doc.status === 'active');
  const next = Object.fromEntries(active.map((doc) => [doc.id, doc.version]));
  if (told === null) return { announce: [], told: next };
  const announce = active
    .filter((doc) => {
      const before = told[doc.id];
      return before === undefined || parseVersion(doc.version).major > parseVersion(before).major;
    })
    .map((doc) => ({ docId: doc.id, version: doc.version }));
  return { announce, told: next };
}
