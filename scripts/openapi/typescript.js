/*
 * TypeScript from the OpenAPI spec of the Platform API: the models of its
 * component schemas and the requests and responses of its operations, for
 * scripts/generate-openapi.js.
 */
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
// Names that would shadow what TypeScript code relies on.
const RESERVED = new Set(['Error', 'Object', 'Array', 'Date', 'Function']);

const pascal = text =>
  text
    .replace(/[^A-Za-z0-9]+(.)/g, (_, c) => c.toUpperCase())
    .replace(/^./, c => c.toUpperCase());
const camel = text => pascal(text).replace(/^./, c => c.toLowerCase());
const quote = text =>
  `'${String(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const comment = (text, tags = []) => {
  const lines = [
    ...(text ? String(text).trim().split('\n') : []),
    ...(text && tags.length ? [''] : []),
    ...tags,
  ];
  if (lines.length === 0) return '';
  return `/**\n${lines
    .map(l => ` * ${l.replace(/\*\//g, '*\\/')}`.trimEnd())
    .join('\n')}\n */\n`;
};

/** Turns JSON schemas of the spec into TypeScript type text. */
class TypeWriter {
  constructor(spec, prefix) {
    this.spec = spec;
    this.prefix = prefix;
  }

  modelName(name) {
    return this.prefix + (RESERVED.has(name) ? `Model${name}` : name);
  }

  refName(ref, used) {
    const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
    if (!match) throw new Error(`Unsupported $ref ${ref}`);
    used?.add(match[1]);
    return this.modelName(match[1]);
  }

  type(schema, used) {
    if (!schema || schema === true) return 'any';
    const base = this.#bare(schema, used);
    return schema.nullable ? `${base} | null` : base;
  }

  #bare(schema, used) {
    if (schema.$ref) return this.refName(schema.$ref, used);
    if (schema.allOf)
      return schema.allOf.map(s => this.type(s, used)).join(' & ');
    const union = schema.oneOf ?? schema.anyOf;
    if (union) return union.map(s => this.type(s, used)).join(' | ');
    if (schema.enum)
      return schema.enum
        .map(v => (typeof v === 'string' ? quote(v) : String(v)))
        .join(' | ');
    switch (schema.type) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'array':
        return `Array<${this.type(schema.items, used)}>`;
      case 'object':
        return this.objectType(schema, used);
      default:
        return schema.properties ? this.objectType(schema, used) : 'any';
    }
  }

  /** The members of an object type, in braces. */
  objectType(schema, used) {
    return `{\n${this.members(schema, used)}}`;
  }

  members(schema, used) {
    const required = new Set(schema.required ?? []);
    const properties = Object.entries(schema.properties ?? {});
    const lines = properties.map(
      ([name, property]) =>
        `${comment(property.description)}${quote(name)}${
          required.has(name) ? '' : '?'
        }: ${this.type(property, used)};\n`,
    );
    const extra = schema.additionalProperties;
    if (extra !== false && (extra !== undefined || properties.length === 0)) {
      const value =
        properties.length > 0 || extra === true || extra === undefined
          ? 'any'
          : this.type(extra, used);
      lines.push(`[key: string]: ${value};\n`);
    }
    return lines.join('');
  }
}

function resolve(spec, item) {
  if (!item?.$ref) return item;
  const target = item.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((node, key) => node?.[key], spec);
  if (!target) throw new Error(`Unresolved $ref ${item.$ref}`);
  return resolve(spec, target);
}

/** Every operation of the spec with what its request and response carry. */
function operationsOf(spec) {
  const operations = [];
  for (const [route, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (!operation.operationId)
        throw new Error(`${method} ${route} has no operationId`);
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ].map(p => resolve(spec, p));
      const body = resolve(spec, operation.requestBody);
      const successes = Object.entries(operation.responses ?? {})
        .filter(([status]) => /^2/.test(status))
        .map(
          ([, response]) =>
            resolve(spec, response).content?.['application/json']?.schema,
        );
      operations.push({
        id: operation.operationId,
        name: pascal(operation.operationId),
        method,
        route,
        summary: operation.summary,
        parameters,
        body: body?.content?.['application/json']?.schema,
        bodyRequired: Boolean(body?.required),
        responses: successes,
      });
    }
  }
  return operations;
}

/** The request of an operation as members: path, query, header, body. */
function requestMembers(writer, operation, used) {
  const group = place => {
    const parameters = operation.parameters.filter(p => p.in === place);
    if (parameters.length === 0) return undefined;
    const members = parameters.map(
      p =>
        `${comment(p.description)}${quote(p.name)}${
          p.required ? '' : '?'
        }: ${writer.type(p.schema, used)};\n`,
    );
    return {
      required: parameters.some(p => p.required),
      text: `{\n${members.join('')}}`,
    };
  };
  const parts = [];
  for (const [key, place] of [
    ['path', 'path'],
    ['query', 'query'],
    ['header', 'header'],
  ]) {
    const found = group(place);
    if (found) parts.push({ key, required: found.required, text: found.text });
  }
  if (operation.body) {
    parts.push({
      key: 'body',
      required: operation.bodyRequired,
      text: writer.type(operation.body, used),
    });
  }
  return parts;
}

function responseType(writer, operation, used) {
  const types = [
    ...new Set(
      operation.responses.map(s => (s ? writer.type(s, used) : 'void')),
    ),
  ];
  return types.length ? types.join(' | ') : 'void';
}

function modelFiles(spec, writer, header) {
  const files = {};
  const names = Object.keys(spec.components?.schemas ?? {});
  for (const name of names) {
    const schema = spec.components.schemas[name];
    const used = new Set();
    const exported = writer.modelName(name);
    const isObject =
      (schema.type === 'object' || schema.properties) &&
      !schema.nullable &&
      !schema.allOf;
    const body = isObject
      ? `export interface ${exported} {\n${writer.members(schema, used)}}\n`
      : `export type ${exported} = ${writer.type(schema, used)};\n`;
    used.delete(name);
    const imports = [...used]
      .sort()
      .map(
        other =>
          `import { ${writer.modelName(other)} } from './${other}.model';\n`,
      )
      .join('');
    files[`models/${name}.model.ts`] = `${header}${imports}\n${comment(
      schema.description ?? `The ${name} schema of the Platform API.`,
      ['@public'],
    )}${body}`;
  }
  files['models/index.ts'] = `${header}\n${names
    .map(n => `export * from './${n}.model';\n`)
    .join('')}`;
  return files;
}

function modelImports(writer, used) {
  return [...used]
    .sort()
    .map(
      name =>
        `import { ${writer.modelName(
          name,
        )} } from '../models/${name}.model';\n`,
    )
    .join('');
}

module.exports = {
  TypeWriter,
  camel,
  comment,
  modelFiles,
  modelImports,
  operationsOf,
  quote,
  requestMembers,
  responseType,
};
