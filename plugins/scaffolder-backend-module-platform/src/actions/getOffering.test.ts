import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  builtinOfferings,
  offeringConfigSchema,
} from '@idp-kit/plugin-platform-common';
import yaml from 'yaml';
import { createGetOfferingAction } from './getOffering';
import { examples } from './getOffering.examples';

const postgres = builtinOfferings.find(o => o.id === 'postgresql-database')!;

describe('platform:offering:get', () => {
  const client = {
    getOffering: jest.fn(async (id: string) => {
      if (id !== postgres.id) throw new Error(`No offering '${id}'`);
      return { ...postgres, schema: offeringConfigSchema(postgres) };
    }),
  };
  const action = createGetOfferingAction({ client });

  it('outputs the offering and its defaults, asking as the initiating user', async () => {
    const ctx = createMockActionContext({
      input: yaml.parse(examples[0].example).steps[0].input,
    });
    await action.handler(ctx);

    expect(client.getOffering).toHaveBeenCalledWith('postgresql-database', {
      credentials: await ctx.getInitiatorCredentials(),
    });
    expect(ctx.output).toHaveBeenCalledWith('name', 'PostgreSQL Database');
    expect(ctx.output).toHaveBeenCalledWith('defaults', {
      size: 'small',
      high_availability: false,
      backup_retention_days: 7,
    });
  });

  it('fails the step for an unknown offering', async () => {
    const ctx = createMockActionContext({ input: { offering: 'nope' } });
    await expect(action.handler(ctx)).rejects.toThrow("No offering 'nope'");
  });
});
