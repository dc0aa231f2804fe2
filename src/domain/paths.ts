/** Control characters (C0, DEL, C1) and the Unicode line breaks: in a path they could only forge a log line. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The path a request is really for: percent-decoded until it stops changing (so double-encoded
 * paths cannot slip past a check), slashes collapsed, no trailing slash. Null when it cannot be decoded,
 * holds a control character (raw or encoded), or tries to climb out with "..".
 */
export function canonicalPath(raw: string): string | null {
  let path = raw;
  for (let i = 0; i < 4; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return null;
    }
    if (decoded === path) break;
    path = decoded;
  }
  if (/%[0-9a-f]{2}/i.test(path) && path !== safeDecode(path)) return null;
  if (CONTROL.test(path)) return null;
  path = path.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return null;
  if (path.length > 1) path = path.replace(/\/+$/, '');
  return path.startsWith('/') ? path : `/${path}`;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** A same-site path to go to after signing in; anything else becomes "/". */
export function safeNext(next: string | null | undefined): string {
  if (!next || CONTROL.test(next) || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  const path = canonicalPath(next.split(/[?#]/)[0]!);
  if (path === null || path === '/login' || path.startsWith('/login/') || path === '/logout') return '/';
  return next;
}

/** Whether an anonymous request is a person opening a page (redirect to sign-in) rather than anything else (401). */
export function isPageNavigation(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (path.startsWith('/_actions') || path.startsWith('/_')) return false;
  // The search bundle is fetched by scripts, never opened as a page: anonymous requests get 401.
  if (path === '/pagefind' || path.startsWith('/pagefind/')) return false;
  const last = path.split('/').at(-1) ?? '';
  return !last.includes('.');
}

/** My path itself, for someone whom `/` may take to their queue: the query keeps them on My path. */
export const MY_PATH_HREF = '/?path';

/**
 * Where opening `/` lands: a mentor with requests waiting for them lands on their queue (`/mentor/`);
 * everyone else, and anyone who asked for My path by its address with a query (`MY_PATH_HREF`, or
 * `?password=saved` after a new password), stays on My path.
 */
export function homeLanding(waitingForMe: number, search: string): '/' | '/mentor/' {
  return waitingForMe > 0 && (search === '' || search === '?') ? '/mentor/' : '/';
}
