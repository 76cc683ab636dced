import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI description of /api/v1, built from the same Zod schemas that validate requests. */
export const apiDocs = fp(async (app: FastifyInstance) => {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Cairn API',
        description:
          'People and chronology. Authenticate by signing in (session cookie); send the token from GET /api/v1/csrf-token as the x-csrf-token header on every POST, PATCH or DELETE. Every call goes through the same access rules and audit as the pages.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'cairn_session' } },
      },
      security: [{ session: [] }],
    },
    // Only the JSON API is described; pages are for people, not clients.
    transform: (route) => (route.url.startsWith('/api/v1/') ? jsonSchemaTransform(route) : { schema: { ...route.schema, hide: true }, url: route.url }),
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list' },
    staticCSP: false,
    uiHooks: {},
  });
});
