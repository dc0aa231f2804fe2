import { refusedContent as refused } from '../content-store/library';
import { formatProblems } from '../schemas/error-map';

/** What is wrong with the content folder on disk while the portal serves earlier content, worded for heads. */
export function refusedContent(): { at: Date; text: string } | undefined {
  const found = refused();
  return found && { at: found.at, text: formatProblems(found.problems) };
}
