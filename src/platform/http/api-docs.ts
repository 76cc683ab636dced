import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { OpenAPIV3 } from 'openapi-types';

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

interface Operation {
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: { name: string; in: string; required: boolean; description: string }[];
  bodyFields: { name: string; required: boolean; type: string; description: string }[];
  responses: { status: string; description: string }[];
}

const typeOf = (schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject | undefined): string => {
  if (!schema || '$ref' in schema) return 'object';
  if (schema.enum) return `one of ${schema.enum.join(', ')}`;
  if (schema.type === 'array') return `list of ${typeOf(schema.items)}`;
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  return [schema.type ?? 'object', schema.format].filter(Boolean).join(', ');
};

/** The OpenAPI document flattened into what a reader needs, one entry per operation. */
function operationsOf(document: OpenAPIV3.Document): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item?.[m]).map((method) => {
      const op = item![method]!;
      const body = (op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content['application/json']?.schema as OpenAPIV3.SchemaObject | undefined;
      return {
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        description: op.description ?? '',
        parameters: ((op.parameters ?? []) as OpenAPIV3.ParameterObject[]).map((p) => ({
          name: p.name,
          in: p.in,
          required: Boolean(p.required),
          description: p.description ?? typeOf(p.schema),
        })),
        bodyFields: Object.entries(body?.properties ?? {}).map(([name, schema]) => ({
          name,
          required: body?.required?.includes(name) ?? false,
          type: typeOf(schema),
          description: ('description' in schema && schema.description) || '',
        })),
        responses: Object.entries(op.responses).map(([status, r]) => ({ status, description: (r as OpenAPIV3.ResponseObject).description ?? '' })),
      };
    }),
  );
}

/**
 * OpenAPI description of /api/v1, built from the same Zod schemas that validate requests: the document itself
 * at /api/docs/openapi.json, and a plain, accessible GOV.UK page describing it at /api/docs.
 */
export const apiDocs = fp(async (app: FastifyInstance) => {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Cairn API',
        description:
          'People, chronology, contacts (a partner system can submit one) and early help cases. A partner system authenticates with an API token an administrator gave it: send `Authorization: Bearer cairn_pat_…` on every request (no cookie, no CSRF token). The token acts for one agency as a partner practitioner there, may call only the endpoints its scopes name (contacts:create — POST /api/v1/contacts; contacts:read — GET /api/v1/contacts and /api/v1/contacts/{id}; people:search — POST /api/v1/people/search; people:read — GET /api/v1/people/{id}, its chronology and early help cases, GET /api/v1/early-help/cases/{id}) and is limited in requests a minute (429 with Retry-After). An unknown, expired or revoked token is 401; a scope the token lacks is 403 naming it. People signed in to Cairn may instead use their session cookie, sending the token from GET /api/v1/csrf-token as the x-csrf-token header on every POST, PATCH or DELETE. Every call goes through the same access rules and audit as the pages. Errors are application/problem+json.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cairn_session' },
          apiToken: { type: 'http', scheme: 'bearer', bearerFormat: 'cairn_pat_ followed by 43 characters', description: 'An API token for a partner system, created by an administrator at /admin/api-tokens.' },
        },
      },
      security: [{ apiToken: [] }, { session: [] }],
    },
    // Only the JSON API is described; pages are for people, not clients.
    transform: (route) => (route.url.startsWith('/api/v1/') ? jsonSchemaTransform(route) : { schema: { ...route.schema, hide: true }, url: route.url }),
  });

  app.get('/api/docs/openapi.json', async () => app.swagger());

  app.get('/api/docs', async (_request, reply) => {
    const document = app.swagger() as OpenAPIV3.Document;
    return reply.page('platform/http/views/api-docs.njk', {
      title: 'Cairn API',
      description: document.info.description,
      operations: operationsOf(document),
    });
  });
});
