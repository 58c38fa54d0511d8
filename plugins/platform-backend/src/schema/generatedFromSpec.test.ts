import fs from 'fs';
import path from 'path';

const root = path.resolve(__dirname, '../../../..');
// The generator is a plain Node script of the repository, not of this package.
const generator: {
  staleFiles(options?: { specText?: string }): string[];
  SPEC_PATH: string;
} = require(path.join(root, 'scripts/generate-openapi.js'));

jest.setTimeout(60_000);

describe('the code generated from openapi.yaml', () => {
  const specText = fs.readFileSync(
    path.join(root, generator.SPEC_PATH),
    'utf8',
  );

  it('is current', () => {
    expect(generator.staleFiles()).toEqual([]);
  });

  it('is found stale, file by file, once the spec changes', () => {
    const changed = specText.replace(
      '  /environments:\n    get:\n      operationId: ListEnvironments',
      '  /regions:\n    get:\n      operationId: ListRegions',
    );
    expect(changed).not.toBe(specText);
    expect(generator.staleFiles({ specText: changed })).toEqual([
      'plugins/platform-backend/src/schema/openapi/generated/apis/Api.server.ts',
      'plugins/platform-backend/src/schema/openapi/generated/router.ts',
      'plugins/platform-common/src/generated/apis/Api.client.ts',
    ]);
  });

  it('is found stale when a model the spec no longer has is left behind', () => {
    const changed = specText.replace(
      /\n {4}SurveyAnswer:\n(?: {6}.*\n)+/,
      '\n',
    );
    expect(changed).not.toBe(specText);
    const stale = generator.staleFiles({ specText: changed });
    expect(stale).toEqual(
      expect.arrayContaining([
        'plugins/platform-backend/src/schema/openapi/generated/models/SurveyAnswer.model.ts',
        'plugins/platform-common/src/generated/models/SurveyAnswer.model.ts',
      ]),
    );
  });
});
