import type { APIContext } from 'astro';
import { ActionError, getActionContext } from 'astro:actions';

/**
 * Runs the action a request calls (through /_actions/ or a page's form) in Astro's place, so that a
 * failure nobody planned for (a full disk, a read-only folder, a bug) goes to the server's log and
 * reaches the person only as a plain message in the site's language. Astro would answer its text, file
 * paths included, and a body that is not JSON with a 500. Astro's origin check has run before this.
 * Returns the answer for a call through /_actions/; a page's form is answered by its page.
 */
export async function runAction(context: APIContext): Promise<Response | undefined> {
  const { action, setActionResult, serializeActionResult } = getActionContext(context);
  if (!action) return undefined;
  const { t } = context.locals.i18n;
  let result: Awaited<ReturnType<typeof action.handler>>;
  try {
    result = await action.handler();
    // Astro turns anything an action throws that is not an ActionError into this code with the error's text.
    if (result.error?.code === 'INTERNAL_SERVER_ERROR') {
      logFailure(action.name, result.error.message);
      result = { data: undefined, error: new ActionError({ code: 'SERVICE_UNAVAILABLE', message: t('error.failed') }) };
    }
  } catch (error) {
    // Reading the body threw: JSON that does not parse is the sender's mistake.
    if (error instanceof SyntaxError) {
      result = { data: undefined, error: new ActionError({ code: 'BAD_REQUEST', message: t('error.unreadable') }) };
    } else {
      logFailure(action.name, error instanceof Error ? (error.stack ?? error.message) : String(error));
      result = { data: undefined, error: new ActionError({ code: 'SERVICE_UNAVAILABLE', message: t('error.failed') }) };
    }
  }
  const serialized = serializeActionResult(result);
  if (action.calledFrom === 'form') {
    setActionResult(action.name, serialized);
    return undefined;
  }
  if (serialized.type === 'empty') return new Response(null, { status: serialized.status });
  return new Response(serialized.body, { status: serialized.status, headers: { 'content-type': serialized.contentType } });
}

/** One line in the server's log: the name comes from the request, the error's text may carry its input. */
function logFailure(name: string, detail: string) {
  console.error(`Salesbook: the action ${JSON.stringify(name)} failed: ${JSON.stringify(detail).slice(1, -1)}`);
}
