/**
 * The JSON Schemas of the OpenAPI description: request bodies and query strings generated from the
 * very zod schemas the routes parse with (one source of truth), answers written by hand.
 */
import { z } from 'zod';
import { EditCommentSchema, NewThreadSchema, ReplySchema, ResolveSchema } from '../../comments/comment-schemas.ts';
import { NewPadSchema } from '../../pads/new-pad.ts';
import { RegisterQuerySchema } from '../../register/register-query.ts';
import { ChangesQuery, CreatePageInput, DiffQuery, PathQuery, SavePageInput, VersionQuery } from './editing-schemas.ts';
import { PublishPadSchema } from './pads-routes.ts';
import { SearchApiQuery } from './search-routes.ts';

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1). */
export type JsonSchema = { [key: string]: unknown };

/** An OpenAPI parameter. */
export interface Parameter {
  /** Its name. */
  name: string;
  /** Where it goes. */
  in: 'query' | 'path';
  /** Path parameters are always required. */
  required: boolean;
  /** French description. */
  description?: string;
  /** Its schema. */
  schema: JsonSchema;
}

/** What a request sends, as JSON Schema (the input side: defaults may be left out). */
export function schemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

/** The query parameters of a zod object, one per field. */
export function queryParameters(schema: z.ZodObject): Parameter[] {
  const json = schemaOf(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: s }));
}

/** Query strings of the read routes. */
export const queries = {
  search: queryParameters(SearchApiQuery),
  register: queryParameters(RegisterQuerySchema),
  changes: queryParameters(ChangesQuery),
  history: queryParameters(PathQuery),
  version: queryParameters(VersionQuery),
  diff: queryParameters(DiffQuery),
};

const text = { type: 'string' };
const texts = { type: 'array', items: text };
const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({ type: 'object', properties, required });

/** Reusable schemas (`#/components/schemas/…`): request bodies from zod, answers by hand. */
export const componentSchemas: Record<string, JsonSchema> = {
  SavePage: schemaOf(SavePageInput),
  CreatePage: schemaOf(CreatePageInput),
  NewPad: schemaOf(NewPadSchema),
  PublishPad: schemaOf(PublishPadSchema),
  NewThread: schemaOf(NewThreadSchema),
  Reply: schemaOf(ReplySchema.omit({ threadId: true })),
  // `resolved` is read through a preprocess that takes absent as true: JSON Schema cannot see it.
  Resolve: { ...schemaOf(ResolveSchema.omit({ threadId: true })), required: [] },
  EditComment: schemaOf(EditCommentSchema.omit({ commentId: true })),
  Error: object({ error: object({ code: { ...text, description: 'Code stable (`Forbidden`, `PageNotFound`, `InvalidApiToken`…)' }, message: { ...text, description: 'Message en français : ce qui ne va pas, et quoi faire' } }, ['code', 'message']) }, ['error']),
  PageSummary: object(
    { path: { ...text, description: 'Chemin dans le dépôt (`ressources/charte.md`)' }, url: text, title: text, aliases: texts, permalink: text, type: text, tags: texts, date: text, visibility: { enum: ['public', 'equipe'] } },
    ['path', 'url', 'title', 'type', 'tags', 'visibility'],
  ),
  Page: {
    allOf: [
      { $ref: '#/components/schemas/PageSummary' },
      object({ meta: { type: 'object', description: 'En-tête de la page (front matter)' }, source: { ...text, description: 'Texte Markdown complet' }, version: { ...text, description: 'Commit de la dernière version : le `baseVersion` d’un enregistrement' } }, ['source']),
    ],
  },
  PageList: object({ pages: { type: 'array', items: { $ref: '#/components/schemas/PageSummary' } } }, ['pages']),
  SaveResult: object({ path: text, url: text, version: text, changed: { type: 'boolean' }, merged: { type: 'boolean' } }, ['path', 'url']),
  SearchResults: object(
    { results: { type: 'array', items: object({ path: text, url: text, title: text, type: text, tags: texts, excerptHtml: { ...text, description: 'Extrait, HTML échappé sauf `<mark>`' } }) }, suggestion: { ...text, description: '« Vouliez-vous dire … ? »' } },
    ['results'],
  ),
  Tags: object({ tags: { type: 'array', items: object({ key: text, label: text, pages: { type: 'integer' }, aliases: texts, url: text }) } }, ['tags']),
  History: object({ path: text, versions: { type: 'array', items: { type: 'object' } } }, ['versions']),
  Changes: object({ changes: { type: 'array', items: { type: 'object' } } }, ['changes']),
  PadLists: object({ active: { type: 'array', items: { type: 'object' } }, published: { type: 'array', items: { type: 'object' } }, archived: { type: 'array', items: { type: 'object' } } }),
  Pad: object({ name: text, title: text, visibility: { enum: ['public', 'equipe'] }, text: { ...text, description: 'Texte actuel du pad' } }, ['name']),
  PadCreated: object({ name: text, url: text }, ['name', 'url']),
  Published: object({ path: text, url: text, created: { type: 'boolean' } }, ['path']),
  Thread: object({ thread: { type: ['object', 'null'], description: 'La discussion, avec ses commentaires' } }),
  Threads: object({ threads: { type: 'array', items: { type: 'object' } } }, ['threads']),
  Register: object({ today: text, decisions: { type: 'array', items: { type: 'object' } }, actions: { type: 'array', items: { type: 'object' } } }),
};
