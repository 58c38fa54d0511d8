// Reads docs/install.md and applies the blocks marked `install-test` to an
// app, so the guide an adopter follows is exactly what the install test does.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const MARKER = /^<!-- install-test: (.+?) -->$/;
const FENCE = /^```(\w*)$/;

/** The marked blocks of the guide, in order: `{ action, args, lang, text, line }`. */
function readGuide(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const steps = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = lines[i].match(MARKER);
    if (!marker) continue;
    let start = i + 1;
    while (start < lines.length && lines[start].trim() === '') start++;
    const fence = lines[start]?.match(FENCE);
    if (!fence) {
      throw new Error(`${file}:${i + 1}: a marker must precede a code block`);
    }
    const end = lines.findIndex((l, j) => j > start && l === '```');
    if (end < 0) throw new Error(`${file}:${start + 1}: unclosed code block`);
    const [action, ...rest] = marker[1].split(' ');
    steps.push({
      action,
      args: rest.join(' '),
      lang: fence[1],
      text: `${lines.slice(start + 1, end).join('\n')}\n`,
      line: i + 1,
    });
    i = end;
  }
  return steps;
}

/** `yarn … add @idp-kit/x` → `@idp-kit/x@^<version>`: they are not on the registry yet. */
function pinUnpublished(command, versions) {
  if (!/^yarn\b.*\badd\b/.test(command)) return command;
  return command.replace(/(@idp-kit\/[a-z0-9-]+)(?![@\w/-])/g, (name, pkg) => {
    if (!versions[pkg]) throw new Error(`No packed plugin named ${pkg}`);
    return `${pkg}@^${versions[pkg]}`;
  });
}

function runCommands(step, { appDir, env, versions }) {
  for (const raw of step.text.split('\n')) {
    const command = raw.trim();
    if (!command || command.startsWith('#')) continue;
    const pinned = pinUnpublished(command, versions);
    console.log(`$ ${pinned}`);
    execFileSync('sh', ['-c', pinned], { cwd: appDir, env, stdio: 'inherit' });
  }
}

function parseFileAndAnchor(args) {
  const match = args.match(/^(\S+) before "(.+)"$/);
  if (!match)
    throw new Error(`Expected '<file> before "<text>"', got '${args}'`);
  return { file: match[1], anchor: match[2] };
}

function insertBefore(step, { appDir }) {
  const { file, anchor } = parseFileAndAnchor(step.args);
  const target = path.join(appDir, file);
  const source = fs.readFileSync(target, 'utf8');
  const at = source.indexOf(anchor);
  if (at < 0) throw new Error(`${file} has no "${anchor}"`);
  fs.writeFileSync(
    target,
    `${source.slice(0, at)}${step.text}\n${source.slice(at)}`,
  );
}

function writeFile(step, { appDir }) {
  const target = path.join(appDir, step.args);
  if (fs.existsSync(target)) throw new Error(`${step.args} exists already`);
  fs.writeFileSync(target, step.text);
}

/** A pattern for a statement however it is wrapped (and with trailing commas). */
function statementPattern(statement) {
  const tokens = statement.replace(/\s+/g, '').split('');
  const escaped = tokens.map(c => {
    const literal = c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return c === ')' ? `,?\\s*${literal}` : literal;
  });
  return new RegExp(`[ \\t]*${escaped.join('\\s*')}[ \\t]*\\n?`);
}

function removeStatements(step, { appDir }) {
  const target = path.join(appDir, step.args);
  let source = fs.readFileSync(target, 'utf8');
  const statements = step.text
    .split(';')
    .filter(s => s.trim())
    .map(s => `${s.trim()};`);
  for (const statement of statements) {
    const pattern = statementPattern(statement);
    if (!pattern.test(source)) {
      throw new Error(`${step.args} has no ${statement.trim()}`);
    }
    source = source.replace(pattern, '');
  }
  fs.writeFileSync(target, source);
}

function deepMerge(base, addition) {
  if (
    typeof base !== 'object' ||
    base === null ||
    Array.isArray(base) ||
    typeof addition !== 'object' ||
    addition === null ||
    Array.isArray(addition)
  ) {
    return addition;
  }
  const merged = { ...base };
  for (const [key, value] of Object.entries(addition)) {
    merged[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return merged;
}

function mergeYaml(step, { appDir }) {
  const target = path.join(appDir, step.args);
  const base = YAML.parse(fs.readFileSync(target, 'utf8'));
  const merged = deepMerge(base, YAML.parse(step.text));
  fs.writeFileSync(target, YAML.stringify(merged));
}

const actions = {
  run: runCommands,
  insert: insertBefore,
  write: writeFile,
  remove: removeStatements,
  merge: mergeYaml,
};

/** Applies every marked block of the guide to the app in `appDir`. */
function applyGuide(file, context) {
  const steps = readGuide(file);
  if (steps.length === 0) throw new Error(`${file} has no install-test blocks`);
  for (const step of steps) {
    const apply = actions[step.action];
    if (!apply) {
      throw new Error(`${file}:${step.line}: unknown action '${step.action}'`);
    }
    console.log(
      `-- ${path.basename(file)}:${step.line}: ${step.action} ${step.args}`,
    );
    apply(step, context);
  }
  return steps;
}

module.exports = { applyGuide, readGuide, pinUnpublished, statementPattern };
