// The gate's command runner (Node, shared by the CLI and the extension): a command that passes, one
// that fails, one that hangs past its timeout (stopped with what it started), and an untrusted workspace.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGateCommand, runGateCommands } from '../../src/cli/gateRunner';

const node = JSON.stringify(process.execPath);

// Running, not a zombie waiting for its new parent to reap it (state Z in /proc on Linux).
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

describe('gate runner', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cp-gate-run-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a command that passes, from the folder it is given, with its output as it comes', async () => {
    writeFileSync(join(dir, 'marker.txt'), 'here');
    let output = '';
    const command = `${node} -e "process.stdout.write(require('fs').readFileSync('marker.txt','utf8')+' ✓ ünï')"`;
    const outcome = await runGateCommand(command, { cwd: dir, trusted: true, timeoutSeconds: 20, onOutput: (t) => (output += t) });
    assert.deepEqual(outcome, { kind: 'exited', command, exitCode: 0, signal: null });
    assert.ok(output.startsWith(`$ ${command}\n`));
    assert.ok(output.includes('here ✓ ünï'));
    assert.ok(output.endsWith('[exit 0]\n'));
  });

  it('reports a command that fails with its exit code, stderr in the output', async () => {
    let output = '';
    const command = `${node} -e "console.error('type error in src/a.ts'); process.exit(3)"`;
    const outcome = await runGateCommand(command, { cwd: dir, trusted: true, timeoutSeconds: 20, onOutput: (t) => (output += t) });
    assert.deepEqual(outcome, { kind: 'exited', command, exitCode: 3, signal: null });
    assert.ok(output.includes('type error in src/a.ts'));
  });

  it('stops a command that hangs past its timeout, and the process the shell started with it', async () => {
    const pidFile = join(dir, 'pid');
    // The shell starts node, which keeps running: both must be gone once the runner gives up.
    const command = `${node} -e "require('fs').writeFileSync('pid', String(process.pid)); setInterval(() => {}, 1000)"`;
    let output = '';
    const outcome = await runGateCommand(command, { cwd: dir, trusted: true, timeoutSeconds: 1.5, onOutput: (t) => (output += t) });
    assert.deepEqual(outcome, { kind: 'timed-out', command, seconds: 1.5 });
    assert.match(output, /\[stopped: no result within 1\.5 s\]/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(pid > 0);
    assert.equal(alive(pid), false, `the hanging process ${pid} is still running`);
  });

  it('runs nothing in an untrusted workspace', async () => {
    const command = `${node} -e "require('fs').writeFileSync('ran', 'yes')"`;
    let output = '';
    const outcome = await runGateCommand(command, { cwd: dir, trusted: false, timeoutSeconds: 20, onOutput: (t) => (output += t) });
    assert.deepEqual(outcome, { kind: 'not-run', command, reason: 'the workspace is not trusted' });
    assert.equal(existsSync(join(dir, 'ran')), false);
    assert.equal(output, '');
  });

  it('stops a command when cancelled', async () => {
    const abort = new AbortController();
    const command = `${node} -e "setInterval(() => {}, 1000)"`;
    const running = runGateCommand(command, { cwd: dir, trusted: true, timeoutSeconds: 20, signal: abort.signal, onOutput: (t) => t.startsWith('$') && setTimeout(() => abort.abort(), 200) });
    assert.deepEqual(await running, { kind: 'not-run', command, reason: 'cancelled' });
  });

  it('says a command that cannot start failed to, rather than throwing', async () => {
    const outcome = await runGateCommand('anything', { cwd: join(dir, 'missing-folder'), trusted: true, timeoutSeconds: 5 });
    assert.equal(outcome.kind, 'failed-to-start');
  });

  it('runs lint, then build, each only when configured', async () => {
    const order: string[] = [];
    const outcomes = await runGateCommands(
      { lint: `${node} -e "process.stdout.write('lint')"`, build: undefined },
      { cwd: dir, trusted: true, timeoutSeconds: 20, onOutput: (t) => !t.startsWith('$') && !t.startsWith('[') && order.push(t) },
    );
    assert.deepEqual(Object.keys(outcomes), ['lint']);
    assert.deepEqual(order, ['lint']);
  });
});
