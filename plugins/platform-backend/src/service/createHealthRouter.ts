import Router from 'express-promise-router';
import { Knex } from 'knex';

/** `GET /health`: whether the plugin and its database answer. */
export function createHealthRouter(options: { db: Knex }) {
  const router = Router();
  router.get('/health', async (_req, res) => {
    await options.db.raw('select 1');
    res.json({ status: 'ok' });
  });
  return router;
}
