// Builds and packs every plugin as npm would publish it, then checks that each
// tarball holds everything its package needs at run time.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const yarn = [path.join(root, '.yarn/releases/yarn-4.13.0.cjs')];
const SCOPE = '@idp-kit/*';

function yarnRun(args) {
  execFileSync(process.execPath, [...yarn, ...args], {
    cwd: root,
    stdio: 'inherit',
  });
}

/** Builds the plugins and packs them into `outDir`; returns `{ name → { file, version, dir } }`. */
function packPlugins(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  yarnRun([
    'workspaces',
    'foreach',
    '-A',
    '--include',
    SCOPE,
    '-t',
    'run',
    'build',
  ]);
  yarnRun([
    'workspaces',
    'foreach',
    '-A',
    '-p',
    '--include',
    SCOPE,
    'pack',
    '--out',
    path.join(outDir, '%s-%v.tgz'),
  ]);
  const packed = {};
  for (const dir of fs.readdirSync(path.join(root, 'plugins'))) {
    const source = path.join(root, 'plugins', dir);
    const { name, version } = require(path.join(source, 'package.json'));
    const file = path.join(outDir, `${name.replace('/', '-')}-${version}.tgz`);
    if (!fs.existsSync(file)) throw new Error(`${name} was not packed`);
    packed[name] = { file, version, source };
  }
  return packed;
}

function unpack(file, into) {
  fs.mkdirSync(into, { recursive: true });
  execFileSync('tar', ['xzf', file, '-C', into]);
  return path.join(into, 'package');
}

const RELATIVE_IMPORT =
  /(?:require\(|import\(|from\s+|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
const EXTENSIONS = ['', '.js', '.cjs.js', '.esm.js', '.mjs', '/index.js'];

function* filesUnder(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else yield full;
  }
}

/** Every relative import in the built code points at a file in the tarball. */
function unresolvedImports(pkgDir) {
  const missing = [];
  for (const file of filesUnder(path.join(pkgDir, 'dist'))) {
    if (!/\.(c|m)?js$/.test(file)) continue;
    const code = fs.readFileSync(file, 'utf8');
    for (const [, specifier] of code.matchAll(RELATIVE_IMPORT)) {
      const target = path.resolve(path.dirname(file), specifier);
      if (!EXTENSIONS.some(ext => fs.existsSync(target + ext))) {
        missing.push(`${path.relative(pkgDir, file)} → ${specifier}`);
      }
    }
  }
  return missing;
}

/** What a packed plugin lacks, as a list of problems (empty when complete). */
function packageProblems(name, { source }, pkgDir) {
  const problems = [];
  const manifest = JSON.parse(
    fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'),
  );
  const has = rel => fs.existsSync(path.join(pkgDir, rel));
  for (const field of ['main', 'types', 'module', 'configSchema']) {
    if (manifest[field] && !has(manifest[field])) {
      problems.push(`${field} ${manifest[field]} is not in the package`);
    }
  }
  if (!manifest.main || !manifest.main.startsWith('dist/')) {
    problems.push(`main must point at the built code, not ${manifest.main}`);
  }
  for (const section of ['dependencies', 'peerDependencies']) {
    for (const [dep, range] of Object.entries(manifest[section] ?? {})) {
      if (range.startsWith('workspace:')) {
        problems.push(`${section}.${dep} is ${range}`);
      }
    }
  }
  for (const field of ['license', 'homepage', 'repository', 'description']) {
    if (!manifest[field]) problems.push(`no ${field}`);
  }
  if (!manifest.keywords?.includes('backstage')) {
    problems.push('keywords lack "backstage"');
  }
  const backstage = manifest.backstage ?? {};
  if (!backstage.role || !backstage.pluginId) {
    problems.push('backstage.role and backstage.pluginId are required');
  }
  if (backstage.role?.endsWith('-module') && !backstage.pluginPackage) {
    problems.push('a module names its plugin in backstage.pluginPackage');
  }
  if (!backstage.role?.endsWith('-module') && !backstage.pluginPackages) {
    problems.push('backstage.pluginPackages is missing');
  }
  if (
    backstage.role === 'frontend-plugin' &&
    !manifest.peerDependencies?.react
  ) {
    problems.push('a frontend plugin has react as a peer dependency');
  }
  if (!has('README.md')) problems.push('no README.md');
  if (
    fs.existsSync(path.join(source, 'config.d.ts')) &&
    !manifest.configSchema
  ) {
    problems.push('config.d.ts is not declared as configSchema');
  }
  // Run-time assets the source holds: migrations and the OpenAPI spec.
  const migrations = path.join(source, 'migrations');
  if (fs.existsSync(migrations)) {
    for (const file of fs.readdirSync(migrations)) {
      if (!has(`migrations/${file}`))
        problems.push(`migrations/${file} is missing`);
    }
  }
  if (
    fs.existsSync(path.join(source, 'src/schema/openapi.yaml')) &&
    !has('src/schema/openapi.yaml')
  ) {
    problems.push('src/schema/openapi.yaml is missing');
  }
  problems.push(
    ...unresolvedImports(pkgDir).map(i => `unresolved import ${i}`),
  );
  return problems.map(p => `${name}: ${p}`);
}

/** Unpacks every tarball and throws listing everything any of them lacks. */
function checkPackedContents(packed, workDir) {
  const problems = [];
  for (const [name, entry] of Object.entries(packed)) {
    const pkgDir = unpack(
      entry.file,
      path.join(workDir, name.replace('/', '-')),
    );
    problems.push(...packageProblems(name, entry, pkgDir));
  }
  if (problems.length > 0) {
    throw new Error(`Packed plugins are incomplete:\n${problems.join('\n')}`);
  }
  console.log(
    `${Object.keys(packed).length} packages hold what they need at run time`,
  );
}

module.exports = { packPlugins, checkPackedContents, packageProblems };
