import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';

import type { OpenApiDocument } from '../openapi.js';

/**
 * Swagger UI at /swagger/index.html and the contract at /swagger/openapi.json.
 * `serveFiles` keeps the document in this router (swagger-ui-express's
 * `serve` shares module state), and the page is routed explicitly because
 * swagger-ui-dist ships an index.html of its own (the Petstore demo).
 */
export function docsRoutes(document: OpenApiDocument): Router {
  const router = Router();
  const page = swaggerUi.setup(document, { customSiteTitle: document.info.title });
  router.get('/swagger/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get(['/swagger', '/swagger/'], (_req, res) => {
    res.redirect(301, '/swagger/index.html');
  });
  router.get('/swagger/index.html', page);
  router.use('/swagger', swaggerUi.serveFiles(document));
  return router;
}
