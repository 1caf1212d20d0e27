/**
 * The comments' boundary: one schema per operation (JSON from scripts and API clients, or a plain
 * HTML form: every field is a flat string), and the errors of the comments store. No `node:` import.
 */
import { z } from 'zod';
import { GareError } from '../errors.ts';

/** Longest comment, in characters (a long comment belongs in the page itself). */
export const MAX_COMMENT_CHARS = 10_000;
/** Longest quoted passage, in characters. */
export const MAX_QUOTE_CHARS = 1_000;

const blank = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A comment's text: trimmed, 1 to 10,000 characters. */
export const CommentBodySchema = z
  .string({ error: 'Écrivez votre commentaire.' })
  .trim()
  .min(1, { error: 'Le commentaire est vide : écrivez quelques mots avant d’envoyer.' })
  .max(MAX_COMMENT_CHARS, { error: `Commentaire trop long (plus de ${MAX_COMMENT_CHARS.toLocaleString('fr-FR')} caractères) : raccourcissez-le ou mettez ce texte dans la page.` });

/** Where threads live: a page (repository path) or a pad (name). */
export const CommentTargetSchema = z.object({
  /** `page` or `pad`. */
  kind: z.enum(['page', 'pad'], { error: 'Indiquez « page » ou « pad ».' }),
  /** Repository path of the page (`ressources/guide.md`) or the pad's name. */
  target: z.string({ error: 'Indiquez la page ou le pad.' }).trim().min(1, { error: 'Indiquez la page ou le pad.' }).max(400),
});

/** A new thread: its target, what it hangs on, and its first comment. */
export const NewThreadSchema = CommentTargetSchema.extend({
  /** The whole page (default), a heading (`heading`: its id) or a passage (`quote`). */
  anchor: z.preprocess(blank, z.enum(['page', 'heading', 'passage']).default('page')),
  /** Id of the heading (`anchor: heading`). */
  heading: z.preprocess(blank, z.string().trim().max(200).optional()),
  /** The passage as selected (`anchor: passage`). */
  quote: z.preprocess(blank, z.string().trim().max(MAX_QUOTE_CHARS, { error: `Passage trop long : sélectionnez moins de ${MAX_QUOTE_CHARS} caractères.` }).optional()),
  /** A little text just before the passage, to tell two equal passages apart. */
  prefix: z.preprocess(blank, z.string().max(200).optional()),
  /** A little text just after the passage. */
  suffix: z.preprocess(blank, z.string().max(200).optional()),
  /** The first comment. */
  body: CommentBodySchema,
});

/** A reply to a thread. */
export const ReplySchema = z.object({
  /** The thread. */
  threadId: z.string().trim().min(1).max(100),
  /** The reply. */
  body: CommentBodySchema,
});

/** A new text for one's own comment. */
export const EditCommentSchema = z.object({
  /** The comment. */
  commentId: z.string().trim().min(1).max(100),
  /** Its new text. */
  body: CommentBodySchema,
});

/** Deleting one's own comment. */
export const DeleteCommentSchema = z.object({
  /** The comment. */
  commentId: z.string().trim().min(1).max(100),
});

/** Resolving (default) or reopening a thread. */
export const ResolveSchema = z.object({
  /** The thread. */
  threadId: z.string().trim().min(1).max(100),
  /** `false` (or "false") reopens; resolves otherwise. */
  resolved: z.preprocess((v) => (v === 'false' ? false : v === 'true' || v === undefined || v === '' ? true : v), z.boolean()),
});

/** A new thread, as parsed. */
export type NewThreadInput = z.infer<typeof NewThreadSchema>;

/** The thread or comment does not exist, or its page or pad is not readable by the viewer. */
export class CommentNotFound extends GareError {
  override readonly code = 'CommentNotFound';
  override readonly status = 404;
}
