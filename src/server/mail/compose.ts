import { allDocs, contentTitles, siteLocale, siteSettings } from '../../content';
import { overdueInTeam, type OverdueItem } from '../../domain/deadlines';
import { htmlText, plainText, type MessageLine, type MessageParts, type MessageSection } from '../../domain/email-text';
import { notificationHref, skillAnchor } from '../../domain/notifications';
import { overloadedMentors } from '../../domain/mentor-load';
import { can } from '../../domain/permissions';
import { isReviewOverdue } from '../../domain/review';
import { translator } from '../../i18n';
import { listPeople } from '../records/users';
import type { StoredNotification } from '../store/data';
import type { Store } from '../store/store';
import { documentsToConfirm } from '../views/my-path';
import { describeNotification, describeRenewal } from '../views/notifications';
import { queueFor } from '../views/skills';
import { teamSummaries } from '../views/team-index';

// The e-mails Salesbook sends, in the site's language, with links into the portal: one notification
// at once, or a digest of what waits for a person. Each is plain text and HTML from the same parts.

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** Lines a digest lists per section at most; the rest is counted. */
export const DIGEST_LINES = 10;

async function frame() {
  const locale = await siteLocale();
  return { ...translator(locale), site: await siteSettings() };
}

function finish(parts: MessageParts, locale: string): ComposedMail {
  return { subject: parts.subject, text: plainText(parts), html: htmlText(parts, locale) };
}

/** The e-mail of one notification: what happened, and a link that opens it (and so marks it read). */
export async function composeNotificationMail(store: Store, notification: StoredNotification, publicUrl: string): Promise<ComposedMail | undefined> {
  const { locale, t, site, date } = await frame();
  const reader = (await listPeople(store)).find((p) => p.id === notification.userId);
  if (!reader) return undefined;
  const { text } = await describeNotification(store, notification, { t, date });
  return finish(
    {
      subject: text,
      greeting: t('mail.greeting', { name: reader.name }),
      intro: t('mail.notificationIntro', { company: site.company }),
      sections: [{ title: t('mail.notificationSection'), lines: [{ text, href: `${publicUrl}/notifications/${notification.id}` }] }],
      footer: { text: t('mail.footer'), href: `${publicUrl}/account/notifications` },
    },
    locale,
  );
}

/**
 * A person's digest of what waits for them on `now`: verdicts on their skills they have not opened,
 * documents to confirm, their own passes that expire soon or have expired, requests waiting for their verdict (a head's also those of people without a
 * mentor), the late items of their team (`overdueInTeam`: a mentor's trainees, and for a head everyone
 * late for longer), for a head the mentors with more trainees than the department's limit, and their
 * position's documents past their review date. Undefined when nothing waits.
 */
export async function composeDigest(store: Store, userId: string, publicUrl: string, now: Date): Promise<ComposedMail | undefined> {
  const { locale, t, site, date } = await frame();
  const people = await listPeople(store);
  const reader = people.find((p) => p.id === userId);
  if (!reader || reader.disabled) return undefined;
  const link = (path: string) => `${publicUrl}${path}`;

  const unread = await store.read((data) => data.notifications.filter((n) => n.userId === userId && n.readAt === null && n.kind === 'signoff-verdict').reverse());
  const byId = new Map(people.map((p) => [p.id, { name: p.name, login: p.login }]));
  const verdicts: MessageLine[] = [];
  for (const n of unread) verdicts.push({ text: (await describeNotification(store, n, { t, date }, byId)).text, href: link(`/notifications/${n.id}`) });

  const toConfirm: MessageLine[] = (await documentsToConfirm(store, reader, now)).map(({ doc }) => ({
    text: t('mail.digest.doc', { doc: doc.data.title, version: doc.data.version }),
    href: link(`/docs/${doc.id}/`),
  }));

  const active = new Set(people.filter((p) => !p.disabled).map((p) => p.id));
  const { mine, others } = await queueFor(store, reader, people);
  const unmentored = others.filter(({ person }) => !person.mentorId || !active.has(person.mentorId));
  const requests: MessageLine[] = [...mine, ...unmentored].map(({ person, checklist, item }) => ({
    text: t('mail.digest.request', { trainee: person.name, item: item.title }),
    href: link(`/team/${person.login}/skills/#${skillAnchor(checklist.id, item.id)}`),
  }));

  const [summaries, docs, titles] = await Promise.all([teamSummaries(store, now), allDocs(), contentTitles()]);
  // The reader's own passes that expire soon or have expired; an expired confirmation is among the documents to confirm already.
  const renewals: MessageLine[] = [];
  for (const renewal of summaries.get(userId)?.renewals ?? []) {
    if (renewal.kind === 'doc' && renewal.stage === 'expired') continue;
    renewals.push({ text: await describeRenewal(renewal, now, { t, date }), href: link(notificationHref({ kind: 'expiry', itemKind: renewal.kind, itemId: renewal.id })) });
  }
  const late = [...summaries.values()].filter((s) => s.overdue.length > 0).map((s) => ({ person: s.person, items: s.overdue }));
  const titleOf = (kind: OverdueItem['kind'], id: string) => titles.get(`${kind}:${id}`) ?? id;
  const overdue: MessageLine[] = overdueInTeam(reader, late, people, site.deadlines).flatMap(({ entry, items }) =>
    items.map((item) => ({
      text: t('mail.digest.overdueLine', { person: entry.person.name, item: titleOf(item.kind, item.id), date: date(new Date(`${item.due}T00:00:00Z`)), count: item.days }),
      href: link(`/team/${entry.person.login}/`),
    })),
  );

  // The heads, who assign mentors, read of every mentor over the department's limit while it lasts.
  const maxTrainees = site.policies.maxTraineesPerMentor;
  const mentorLoad: MessageLine[] = can(reader, 'people.manage')
    ? overloadedMentors(people, maxTrainees).map(({ mentor, trainees }) => ({
        text: t('mail.digest.mentorLoadLine', { mentor: mentor.name, count: trainees.length }),
        href: link(`/team/?mentor=${encodeURIComponent(mentor.id)}`),
      }))
    : [];

  const reviews: MessageLine[] = docs
    .filter((doc) => doc.data.status === 'active' && doc.data.owner === reader.position && isReviewOverdue(doc.data.reviewBy, now))
    .map((doc) => ({ text: t('mail.digest.review', { doc: doc.data.title, date: date(doc.data.reviewBy) }), href: link(`/docs/${doc.id}/`) }));

  const section = (title: string, lines: MessageLine[]): MessageSection[] =>
    lines.length === 0
      ? []
      : [{ title, lines: lines.slice(0, DIGEST_LINES), ...(lines.length > DIGEST_LINES ? { more: t('mail.digest.more', { count: lines.length - DIGEST_LINES }) } : {}) }];
  const sections = [
    ...section(t('mail.digest.requests'), requests),
    ...section(t('mail.digest.overdue'), overdue),
    ...section(t('mail.digest.mentorLoad', { max: maxTrainees ?? 0 }), mentorLoad),
    ...section(t('mail.digest.verdicts'), verdicts),
    ...section(t('mail.digest.toConfirm'), toConfirm),
    ...section(t('mail.digest.renewals'), renewals),
    ...section(t('mail.digest.reviews'), reviews),
  ];
  const count = requests.length + overdue.length + mentorLoad.length + verdicts.length + toConfirm.length + renewals.length + reviews.length;
  if (count === 0) return undefined;
  return finish(
    {
      subject: t('mail.digest.subject', { company: site.company, count }),
      greeting: t('mail.greeting', { name: reader.name }),
      intro: t('mail.digest.intro'),
      sections,
      footer: { text: t('mail.footer'), href: link('/account/notifications') },
    },
    locale,
  );
}
