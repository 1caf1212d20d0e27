/**
 * Comments API: list the threads of a page or pad, start a thread, reply, edit, delete, resolve and
 * reopen. JSON for scripts and API clients; plain HTML forms (no JavaScript) get a 303 back to the
 * page's discussion, or on a refusal a short page holding what they typed. Handlers read and write
 * only through `ctx.reader` (the one gate) on behalf of `ctx.viewer`.
 */
import { toHttpError } from '../../errors.ts';
import { CommentTargetSchema, DeleteCommentSchema, EditCommentSchema, NewThreadSchema, ReplySchema, ResolveSchema } from '../../comments/comment-schemas.ts';
import type { ThreadView } from '../../comments/comment-views.ts';
import { parseInput } from '../body.ts';
import { redirect } from '../respond.ts';
import type { Route, RouteContext, RouteResult } from '../router.ts';
import { isFormPost } from './auth-respond.ts';
import { safeReturn, withQuery } from './auth-urls.ts';

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const field = (ctx: RouteContext, name: string): unknown => (ctx.body as Record<string, unknown> | undefined)?.[name];

/** The refused form again, with its message and every field as sent: nothing typed is lost. */
function refusedForm(ctx: RouteContext, message: string, status: number): Response {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const hidden = Object.entries(body)
    .filter(([k]) => k !== 'body')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(String(v))}">`)
    .join('');
  const back = safeReturn(field(ctx, 'retour'));
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Commentaire non envoyé — Gare centrale</title></head><body><main>
<h1>Votre commentaire n’a pas été envoyé</h1>
<p role="alert">${escapeHtml(message)}</p>
<form method="post" action="${escapeHtml(ctx.url.pathname)}">${hidden}
<p><label for="commentaire">Votre commentaire</label></p><textarea id="commentaire" name="body" rows="8" cols="80">${escapeHtml(typeof body['body'] === 'string' ? body['body'] : '')}</textarea>
<p><button type="submit">Envoyer à nouveau</button></p></form>
<p><a href="${escapeHtml(back)}">Revenir à la page sans envoyer</a></p>
</main></body></html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/**
 * Wraps an operation: JSON `{ thread }` (201 for a new thread) for scripts; a form goes back to
 * `retour` at the thread with `?discussion=<message>`.
 */
function commentOp(op: (ctx: RouteContext) => Promise<ThreadView | undefined>, ok: string, created = false) {
  return async (ctx: RouteContext): Promise<RouteResult> => {
    if (!isFormPost(ctx)) {
      const thread = await op(ctx);
      return created ? new Response(JSON.stringify({ thread }), { status: 201, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } }) : { thread: thread ?? null };
    }
    let thread: ThreadView | undefined;
    try {
      thread = await op(ctx);
    } catch (error) {
      const e = toHttpError(error);
      if (e.status >= 500) console.error(`[http] ${ctx.req.method} ${ctx.url.pathname}:`, error);
      return refusedForm(ctx, e.message, e.status);
    }
    const back = withQuery(safeReturn(field(ctx, 'retour')), { discussion: ok });
    return redirect(`${back}#${thread ? `fil-${thread.id}` : 'discussion'}`);
  };
}

const withParam = (ctx: RouteContext, name: string, key: string): Record<string, unknown> => ({ ...((ctx.body ?? {}) as Record<string, unknown>), [key]: ctx.params[name] });

/** The comment routes. */
export function createCommentRoutes(): Route[] {
  const edit = commentOp((ctx) => ctx.reader.comments().edit(parseInput(EditCommentSchema, withParam(ctx, 'id', 'commentId'))), 'Commentaire modifié.');
  const remove = commentOp((ctx) => ctx.reader.comments().remove(parseInput(DeleteCommentSchema, withParam(ctx, 'id', 'commentId'))), 'Commentaire supprimé.');
  return [
    {
      method: 'GET',
      path: '/api/comments',
      handler: async (ctx) => {
        const target = parseInput(CommentTargetSchema, { kind: ctx.url.searchParams.get('kind') ?? undefined, target: ctx.url.searchParams.get('target') ?? undefined });
        return { threads: await ctx.reader.threads(target) };
      },
    },
    { method: 'POST', path: '/api/comments', handler: commentOp((ctx) => ctx.reader.comments().create(parseInput(NewThreadSchema, ctx.body)), 'Discussion ouverte.', true) },
    {
      method: 'POST',
      path: '/api/comments/:id/replies',
      handler: commentOp((ctx) => ctx.reader.comments().reply(parseInput(ReplySchema, withParam(ctx, 'id', 'threadId'))), 'Réponse envoyée.'),
    },
    {
      method: 'POST',
      path: '/api/comments/:id/resolve',
      handler: commentOp((ctx) => ctx.reader.comments().resolve(parseInput(ResolveSchema, withParam(ctx, 'id', 'threadId'))), 'Discussion mise à jour.'),
    },
    { method: 'POST', path: '/api/comments/messages/:id/edit', handler: edit },
    { method: 'PATCH', path: '/api/comments/messages/:id', handler: edit },
    { method: 'POST', path: '/api/comments/messages/:id/delete', handler: remove },
    { method: 'DELETE', path: '/api/comments/messages/:id', handler: remove },
  ];
}
