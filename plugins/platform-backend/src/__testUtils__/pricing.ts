/** `platform.pricing` of the tests: every offering and every value priced. */
export const testPricing = {
  currency: 'EUR',
  offerings: {
    'web-application': {
      rules: [
        {
          item: 'cpu',
          field: 'cpu',
          prices: { '250m': 10, '500m': 20, '1000m': 40, '2000m': 80 },
          per: 'replicas',
        },
        {
          item: 'memory',
          field: 'memory',
          prices: { '256Mi': 2, '512Mi': 4, '1Gi': 8, '2Gi': 16, '4Gi': 32 },
          per: 'replicas',
        },
      ],
    },
    'postgresql-database': {
      rules: [
        {
          item: 'size',
          field: 'size',
          prices: { small: 20, medium: 80, large: 320 },
        },
        { item: 'backups', field: 'backup_retention_days', perUnit: 0.5 },
        {
          item: 'high availability',
          field: 'high_availability',
          equals: true,
          factor: 2,
        },
      ],
    },
    'api-gateway': {
      rules: [
        {
          item: 'rate limit tier',
          field: 'rate_limit',
          tiers: [
            { upTo: 1000, monthly: 15 },
            { upTo: 10000, monthly: 45 },
            { monthly: 120 },
          ],
        },
      ],
    },
  },
};
