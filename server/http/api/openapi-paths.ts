/** The paths of the OpenAPI description: the public API other tools use, one line per operation. */
import { queries, type JsonSchema, type Parameter } from './openapi-schemas.ts';

/** An OpenAPI operation. */
export interface Operation {
  /** Unique id (code generators name functions after it). */
  operationId: string;
  /** One line, in French. */
  summary: string;
  /** More, in French. */
  description?: string;
  /** Its group in the documentation. */
  tags: string[];
  /** Path and query parameters. */
  parameters?: Parameter[];
  /** The JSON body. */
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  /** Answers by status. */
  responses: Record<string, JsonSchema>;
  /** Who may call it: a token or a session (and, for reads, anyone). */
  security: Record<string, string[]>[];
}

/** The operations of one path. */
export type PathItem = Partial<Record<'get' | 'post' | 'patch' | 'delete', Operation>>;

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const answer = (r: string): JsonSchema => ({ $ref: `#/components/responses/${r}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
// Reads are open to visitors too (they see public pages); writes need a write token or a session.
const readers = [{ bearer: [] }, { cookie: [] }, {}];
const writers = [{ bearer: [] }, { cookie: [] }];
const writeNote = 'Avec un jeton « lecture et écriture » (`Authorization: Bearer gare_…`), ou une session et son en-tête `X-CSRF-Token`. Un jeton en lecture seule reçoit 403.';

/** A path parameter. */
const inPath = (name: string, description: string): Parameter => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });

interface OpSpec {
  id: string;
  summary: string;
  tag: string;
  description?: string;
  params?: Parameter[];
  body?: string;
  ok: JsonSchema;
  status?: '200' | '201';
  /** Content type of the answer when it is not JSON. */
  type?: string;
}

function read({ id, summary, tag, description, params, ok, type }: OpSpec): Operation {
  const content = type ? { [type]: { schema: ok } } : json(ok);
  return {
    operationId: id, summary, tags: [tag], ...(description ? { description } : {}), ...(params ? { parameters: params } : {}),
    responses: { '200': { description: 'Réponse', content }, '400': answer('BadRequest'), '401': answer('Unauthenticated'), '404': answer('NotFound') },
    security: readers,
  };
}

function write({ id, summary, tag, description, params, body, ok, status = '200' }: OpSpec): Operation {
  return {
    operationId: id, summary, tags: [tag], description: [description, writeNote].filter(Boolean).join('\n\n'), ...(params ? { parameters: params } : {}),
    ...(body ? { requestBody: { required: true, content: json(ref(body)) } } : {}),
    responses: { [status]: { description: 'Réponse', content: json(ok) }, '400': answer('BadRequest'), '401': answer('Unauthenticated'), '403': answer('Forbidden'), '404': answer('NotFound'), '409': answer('Conflict') },
    security: writers,
  };
}

const slug = inPath('slug', 'Adresse de la page sans `/wiki/` (peut contenir des `/`), ou son chemin sans `.md`');
const padName = inPath('name', 'Nom du pad');
const threadId = inPath('id', 'Identifiant de la discussion');
const commentId = inPath('id', 'Identifiant du commentaire');

/** Every documented path. */
export const apiPaths: Record<string, PathItem> = {
  '/api/health': { get: read({ id: 'health', summary: 'État du hub', tag: 'Hub', ok: { type: 'object' } }) },
  '/api/pages': { get: read({ id: 'listPages', summary: 'Pages que vous pouvez lire', tag: 'Pages', ok: ref('PageList') }) },
  '/api/pages/{slug}': { get: read({ id: 'getPage', summary: 'Une page, avec son texte et sa version', tag: 'Pages', params: [slug], ok: ref('Page') }) },
  '/api/pages/save': {
    post: write({ id: 'savePage', summary: 'Enregistrer une page', tag: 'Pages', body: 'SavePage', ok: ref('SaveResult'), description: 'Sans `path`, crée la page. `baseVersion` (la `version` lue) permet de fusionner avec les modifications faites entre-temps ; 409 si elles se chevauchent. Dans une rubrique relue, la modification d’un·e contributeur·ice devient une proposition.' }),
  },
  '/api/pages/create': { post: write({ id: 'createPage', summary: 'Créer une page', tag: 'Pages', body: 'CreatePage', ok: ref('SaveResult') }) },
  '/api/pages/history': { get: read({ id: 'pageHistory', summary: 'Versions d’une page', tag: 'Historique', params: queries.history, ok: ref('History') }) },
  '/api/pages/version': { get: read({ id: 'pageVersion', summary: 'Une ancienne version d’une page', tag: 'Historique', params: queries.version, ok: { type: 'object' } }) },
  '/api/pages/diff': { get: read({ id: 'pageDiff', summary: 'Différences entre deux versions', tag: 'Historique', params: queries.diff, ok: { type: 'object' } }) },
  '/api/changes': { get: read({ id: 'recentChanges', summary: 'Dernières modifications', tag: 'Historique', params: queries.changes, ok: ref('Changes') }) },
  '/api/search': { get: read({ id: 'search', summary: 'Rechercher dans les pages', tag: 'Recherche', params: queries.search, ok: ref('SearchResults') }) },
  '/api/tags': { get: read({ id: 'listTags', summary: 'Étiquettes des pages que vous pouvez lire', tag: 'Étiquettes', ok: ref('Tags') }) },
  '/api/pads': {
    get: read({ id: 'listPads', summary: 'Pads en cours, publiés, archivés', tag: 'Pads', ok: ref('PadLists') }),
    post: write({ id: 'createPad', summary: 'Créer un pad', tag: 'Pads', body: 'NewPad', ok: ref('PadCreated'), status: '201' }),
  },
  '/api/pads/{name}': { get: read({ id: 'getPad', summary: 'Un pad et son texte', tag: 'Pads', params: [padName], ok: ref('Pad') }) },
  '/api/pads/{name}/publish': {
    post: write({ id: 'publishPad', summary: 'Publier un pad dans le wiki', tag: 'Pads', params: [padName], body: 'PublishPad', ok: ref('Published'), description: 'La première publication crée la page ; les suivantes la mettent à jour. Réservé à l’équipe.' }),
  },
  '/api/comments': {
    get: read({ id: 'listThreads', summary: 'Discussions d’une page ou d’un pad', tag: 'Discussions', params: [
      { name: 'kind', in: 'query', required: true, schema: { enum: ['page', 'pad'] } },
      { name: 'target', in: 'query', required: true, description: 'Chemin de la page ou nom du pad', schema: { type: 'string' } },
    ], ok: ref('Threads') }),
    post: write({ id: 'createThread', summary: 'Ouvrir une discussion', tag: 'Discussions', body: 'NewThread', ok: ref('Thread'), status: '201' }),
  },
  '/api/comments/{id}/replies': { post: write({ id: 'replyToThread', summary: 'Répondre', tag: 'Discussions', params: [threadId], body: 'Reply', ok: ref('Thread') }) },
  '/api/comments/{id}/resolve': { post: write({ id: 'resolveThread', summary: 'Résoudre ou rouvrir', tag: 'Discussions', params: [threadId], body: 'Resolve', ok: ref('Thread') }) },
  '/api/comments/messages/{id}': {
    patch: write({ id: 'editComment', summary: 'Modifier son commentaire', tag: 'Discussions', params: [commentId], body: 'EditComment', ok: ref('Thread') }),
    delete: write({ id: 'deleteComment', summary: 'Supprimer son commentaire', tag: 'Discussions', params: [commentId], ok: ref('Thread') }),
  },
  '/api/register': { get: read({ id: 'register', summary: 'Registre des décisions et des actions', tag: 'Registre', params: queries.register, ok: ref('Register') }) },
  '/calendrier.ics': { get: read({ id: 'publicCalendar', summary: 'Calendrier public (iCalendar)', tag: 'Calendrier', ok: { type: 'string' }, type: 'text/calendar' }) },
  '/calendrier/{secret}.ics': {
    get: {
      ...read({ id: 'personalCalendar', summary: 'Calendrier personnel (iCalendar)', tag: 'Calendrier', params: [inPath('secret', 'Le secret du lien créé sur « Mon compte »')], ok: { type: 'string' }, type: 'text/calendar' }),
      description: 'Le lien secret suffit (les agendas n’envoient pas de jeton) ; un lien révoqué ou remplacé répond 404.',
      security: [{}],
    },
  },
  '/api/openapi.json': { get: read({ id: 'openapi', summary: 'Cette description (OpenAPI 3.1)', tag: 'Hub', ok: { type: 'object' } }) },
};
