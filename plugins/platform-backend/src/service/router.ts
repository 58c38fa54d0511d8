import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { OfferingRegistry } from '../offerings/OfferingRegistry';
import { createHealthRouter } from './createHealthRouter';

export interface RouterOptions {
  db: Knex;
  offerings: OfferingRegistry;
}

/** The Platform API's routes, mounted under `/api/platform`. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());
  router.use(createHealthRouter(options));

  router.get('/offerings', async (req, res) => {
    const type =
      typeof req.query.type === 'string' ? req.query.type : undefined;
    const tier =
      typeof req.query.tier === 'string' ? req.query.tier : undefined;
    res.json({ items: options.offerings.list({ type, tier }) });
  });

  router.get('/offerings/:id', async (req, res) => {
    res.json(options.offerings.get(req.params.id));
  });

  return router;
}
