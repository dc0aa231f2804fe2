// Links to documents as the content writes them: `doc-id`, or `doc-id#section` for one section.

/** A document link taken apart. */
export interface DocLink {
  docId: string;
  /** The section's anchor (its heading's slug), when the link names one. */
  section: string | undefined;
}

/** Takes a `doc-id` or `doc-id#section` link apart. */
export function parseDocLink(link: string): DocLink {
  const hash = link.indexOf('#');
  return hash === -1 ? { docId: link, section: undefined } : { docId: link.slice(0, hash), section: link.slice(hash + 1) || undefined };
}

/** The address of a document, or of one of its sections, on the site. */
export function docHref(docId: string, section?: string): string {
  return `/docs/${docId}/${section ? `#${section}` : ''}`;
}

/** How a link reads: the document's title, and the section's after a dash when the link names one. */
export function docLinkLabel(title: string, sectionTitle?: string): string {
  return sectionTitle ? `${title} — ${sectionTitle}` : title;
}
