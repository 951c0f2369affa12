// The unit project's promise: no servers, no child processes, no sockets. Each test file runs with
// those entry points replaced by a function that throws, so a test that needs the real thing fails
// with a pointer to the integration project instead of quietly slowing the contributor's loop.
const childProcess = require('node:child_process');
const net = require('node:net');
const dgram = require('node:dgram');

function refuse(what) {
  return function refused() {
    throw new Error(`unit tests start no ${what}: move this test to a test/integration/ folder`);
  };
}

const patches = [
  ...['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'].map((name) => [childProcess, name, 'child processes']),
  [net.Server.prototype, 'listen', 'servers'],
  [net.Socket.prototype, 'connect', 'sockets'],
  [dgram.Socket.prototype, 'bind', 'sockets'],
];
const originals = patches.map(([owner, name]) => owner[name]);
for (const [owner, name, what] of patches) owner[name] = refuse(what);

// Core modules are shared with Jest itself: give them back when this file's tests are done.
afterAll(() => {
  patches.forEach(([owner, name], i) => {
    owner[name] = originals[i];
  });
});
