/**
 * `GET /api/openapi.json`: an OpenAPI 3.1 description of the API other tools use (pages, search,
 * tags, history, pads, publication, discussions, register, calendar feeds), built once per
 * server address from the route schemas. Anyone may read it: it says what exists, never any data.
 */
import type { Route, RouteContext } from '../router.ts';
import { publicBase } from './auth-respond.ts';
import { apiPaths, type PathItem } from './openapi-paths.ts';
import { componentSchemas, type JsonSchema } from './openapi-schemas.ts';

/** The OpenAPI 3.1 document. */
export interface OpenApiDocument {
  /** Version of the OpenAPI specification. */
  openapi: '3.1.0';
  /** Title, version and description of the API. */
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  /** Where the API is served. */
  servers: { url: string }[];
  /** Operations by path. */
  paths: Record<string, PathItem>;
  /** Schemas, shared answers and the ways to authenticate. */
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
  /** Group names shown by documentation tools. */
  tags: { name: string; description: string }[];
}

const error = (description: string): JsonSchema => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

const description = `API de Gare centrale, pour les scripts et les autres outils.

Authentification : créez un jeton d’accès personnel sur votre page « Mon compte » (/compte) et envoyez-le dans l’en-tête \`Authorization: Bearer gare_…\`. Un jeton agit en votre nom avec vos droits du moment (rôle et groupes) : il ne lit que ce que vous lisez. Un jeton « lecture seule » est refusé (403) à toute modification ; un jeton révoqué, inconnu ou d’un compte désactivé reçoit 401. Le jeton d’un·e administrateur·ice n’agit en administrateur·ice qu’avec les droits « lecture et écriture ».

Sans jeton, les lectures répondent comme à un visiteur (pages publiques). Les erreurs sont du JSON \`{ "error": { "code", "message" } }\`, le message en français.`;

/** The document for a hub served at `base`. */
export function buildOpenApi(base: string): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: 'Gare centrale', version: '1', description, license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' } },
    servers: [{ url: base }],
    paths: apiPaths,
    components: {
      schemas: componentSchemas,
      responses: {
        BadRequest: error('Requête invalide : le message dit quel champ corriger.'),
        Unauthenticated: error('Jeton refusé (inconnu, révoqué, compte désactivé), ou connexion nécessaire.'),
        Forbidden: error('Vos droits (ou un jeton en lecture seule) ne permettent pas cette opération.'),
        NotFound: error('Introuvable, ou pas lisible par vous : la réponse est la même.'),
        Conflict: error('La page a changé entre-temps et les modifications se chevauchent.'),
      },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'gare_<43 caractères>', description: 'Jeton d’accès personnel, créé sur /compte.' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'gare_session', description: 'Session du navigateur ; les modifications demandent aussi l’en-tête X-CSRF-Token.' },
      },
    },
    tags: [
      { name: 'Pages', description: 'Lire, créer et enregistrer des pages' },
      { name: 'Historique', description: 'Versions, différences, dernières modifications' },
      { name: 'Recherche', description: 'Recherche plein texte' },
      { name: 'Étiquettes', description: 'Étiquettes des pages' },
      { name: 'Pads', description: 'Pads d’écriture en direct et leur publication' },
      { name: 'Discussions', description: 'Commentaires sur les pages et les pads' },
      { name: 'Registre', description: 'Décisions et actions des réunions' },
      { name: 'Calendrier', description: 'Flux iCalendar des réunions et des actions' },
      { name: 'Hub', description: 'État et description de l’API' },
    ],
  };
}

/** The OpenAPI route; each address's document is serialised once. */
export function createOpenApiRoutes(): Route[] {
  const built = new Map<string, string>();
  /** GET /api/openapi.json */
  async function openApiRoute(ctx: RouteContext): Promise<Response> {
    const base = publicBase(ctx);
    let text = built.get(base);
    if (text === undefined) {
      text = JSON.stringify(buildOpenApi(base));
      // A Host header is the client's to choose: keep a few, not one per forged name.
      if (built.size < 8) built.set(base, text);
    }
    return new Response(text, { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' } });
  }
  return [{ method: 'GET', path: '/api/openapi.json', handler: openApiRoute }];
}
