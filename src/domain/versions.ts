/** A document version "major.minor" as numbers. */
export interface Version {
  major: number;
  minor: number;
}

export function parseVersion(text: string): Version {
  const match = /^(\d+)\.(\d+)$/.exec(text);
  if (!match) throw new Error(`Salesbook: "${text}" is not a version like "2.1".`);
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** Orders versions numerically: "2.10" comes after "2.9". */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x.major - y.major || x.minor - y.minor;
}

/** Whether moving from `from` to `to` is a new major version, which asks readers to confirm again. */
export function isMajorChange(from: string, to: string): boolean {
  return parseVersion(to).major > parseVersion(from).major;
}

/** Change-log entries newer than `version`, newest first: what a reader of `version` has not seen. */
export function changesSince<C extends { version: string }>(changes: readonly C[], version: string): C[] {
  return changes.filter((change) => compareVersions(change.version, version) > 0).sort((a, b) => compareVersions(b.version, a.version));
}

/** The version a publication gives: a minor one adds to the minor number, a major one starts the next major at 0. */
export function nextVersion(current: string, change: 'minor' | 'major'): string {
  const { major, minor } = parseVersion(current);
  return change === 'major' ? `${major + 1}.0` : `${major}.${minor + 1}`;
}

/**
 * The version a change log says was in effect on `day` (`YYYY-MM-DD`): the latest entry dated on or
 * before it; undefined when the log has no entry that early.
 */
export function versionOn(changes: readonly { version: string; date: Date }[], day: string): string | undefined {
  const effective = changes.filter((change) => change.date.toISOString().slice(0, 10) <= day);
  return effective.sort((a, b) => compareVersions(b.version, a.version))[0]?.version;
}
