/**
 * Plain HTML forms (the editor without JavaScript) post to the same routes as scripts: a form
 * gets a 303 to the result with `?ok=`, or back to its page with `?erreur=`; a conflict gets a
 * page holding both versions, so what was typed is never lost.
 */
import { toHttpError } from '../../errors.ts';
import { redirect } from '../respond.ts';
import type { RouteContext, RouteResult } from '../router.ts';
import { isFormPost } from './auth-respond.ts';
import { safeReturn, withQuery } from './auth-urls.ts';

/** A text field of a route's result, or `fallback` when it is missing or not text (where a form goes next). */
export function textField(result: Record<string, unknown> | undefined, key: string, fallback: string): string {
  const value = result?.[key];
  return typeof value === 'string' ? value : fallback;
}

/** Where a form goes after success, and the message it shows there. */
export interface FormOutcome {
  /** Location built from the route's JSON result. */
  to: (result: Record<string, unknown>) => string;
  /** French confirmation. */
  ok: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The no-JavaScript conflict page: both versions, and a form to save the merged text. */
function conflictPage(ctx: RouteContext, conflict: { mine?: string; theirs?: string; merged?: string; currentVersion?: string }): Response {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const hidden = Object.entries(body)
    .filter(([k]) => k !== 'body' && k !== 'baseVersion')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(String(v))}">`)
    .join('');
  const area = (id: string, label: string, text: string | undefined, editable: boolean) =>
    `<p><label for="${id}">${label}</label></p><textarea id="${id}" ${editable ? 'name="body"' : 'readonly'} rows="16" cols="80">${escapeHtml(text ?? '')}</textarea>`;
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Conflit de modification — Gare centrale</title></head><body><main>
<h1>La page a changé pendant que vous l’écriviez</h1>
<p>Rien n’est perdu. Quelqu’un a enregistré une autre version entre-temps, et vos modifications touchent les mêmes lignes. Corrigez le texte fusionné ci-dessous (retirez les lignes <code>&lt;&lt;&lt;&lt;&lt;&lt;&lt;</code>, <code>=======</code>, <code>&gt;&gt;&gt;&gt;&gt;&gt;&gt;</code>) puis enregistrez.</p>
<form method="post" action="${escapeHtml(ctx.url.pathname)}">${hidden}<input type="hidden" name="baseVersion" value="${escapeHtml(conflict.currentVersion ?? '')}">
${area('fusion', 'Texte fusionné (à corriger)', conflict.merged, true)}
<p><button type="submit">Enregistrer le texte corrigé</button></p></form>
${area('mienne', 'Votre version (à copier si besoin)', conflict.mine, false)}
${area('actuelle', 'Version enregistrée entre-temps', conflict.theirs, false)}
</main></body></html>`;
  return new Response(html, { status: 409, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** Wraps a JSON route so that plain HTML form posts get redirects and a conflict page. */
export function formPost(handler: (ctx: RouteContext) => Promise<RouteResult>, outcome: FormOutcome) {
  return async (ctx: RouteContext): Promise<RouteResult> => {
    if (!isFormPost(ctx)) return handler(ctx);
    const back = safeReturn((ctx.body as Record<string, unknown> | undefined)?.['retour'] ?? ctx.req.headers.referer?.replace(/^https?:\/\/[^/]+/, ''));
    let result: RouteResult;
    try {
      result = await handler(ctx);
    } catch (error) {
      const e = toHttpError(error);
      if (e.status >= 500) console.error(`[http] ${ctx.req.method} ${ctx.url.pathname}:`, error);
      return redirect(withQuery(back, { erreur: e.message }));
    }
    if (result instanceof Response) {
      if (result.status !== 409) return result;
      const json = (await result.json()) as { conflict?: Record<string, string> };
      return conflictPage(ctx, json.conflict ?? {});
    }
    return redirect(withQuery(outcome.to((result ?? {}) as Record<string, unknown>), { ok: outcome.ok }));
  };
}
