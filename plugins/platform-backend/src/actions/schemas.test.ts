import {
  CreateResourceRequest,
  PlatformResource,
  RequestVerdict,
} from '@idp-kit/plugin-platform-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { z } from 'zod/v3';
import { resourceOutput } from './resourceOutput';
import { createRequestSchema, resourceSchema, verdictSchema } from './schemas';

const spec = yaml.parse(
  fs.readFileSync(path.join(__dirname, '../schema/openapi.yaml'), 'utf8'),
);
const schemas = spec.components.schemas;

type Shape = z.ZodObject<z.ZodRawShape>;

const fields = (schema: Shape) => Object.keys(schema.shape).sort();
const required = (schema: Shape) =>
  Object.entries(schema.shape)
    .filter(([, field]) => !field.isOptional())
    .map(([name]) => name)
    .sort();

// The actions' types are the API's types: these fail to compile on drift.
const request: CreateResourceRequest = {} as z.infer<
  ReturnType<typeof createRequestSchema>
>;
const verdict: z.infer<ReturnType<typeof verdictSchema>> = {} as RequestVerdict;
const resource: z.infer<ReturnType<typeof resourceSchema>> = resourceOutput(
  {} as PlatformResource,
);

describe('action schemas and the OpenAPI description', () => {
  it('take a create request with the fields the API takes', () => {
    expect(request).toBeDefined();
    const schema = createRequestSchema(z);
    expect(fields(schema)).toEqual(
      Object.keys(schemas.CreateResourceRequest.properties).sort(),
    );
    expect(required(schema)).toEqual(
      [...schemas.CreateResourceRequest.required].sort(),
    );
  });

  it('return verdicts with the fields the API returns', () => {
    expect(verdict).toBeDefined();
    expect(fields(verdictSchema(z))).toEqual(
      Object.keys(schemas.Verdict.properties).sort(),
    );
  });

  it("return resources with the API's fields but health and drift, which the status actions do not need", () => {
    expect(resource).toBeDefined();
    const apiFields = Object.keys(schemas.Resource.properties);
    expect(fields(resourceSchema(z))).toEqual(
      apiFields.filter(f => !['health', 'drift'].includes(f)).sort(),
    );
    expect(Object.keys(resourceOutput({} as PlatformResource)).sort()).toEqual(
      fields(resourceSchema(z)),
    );
  });
});
