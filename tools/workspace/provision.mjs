// Provisions what the tests need that no npm package can carry: Debian's redis-server (the
// launcher's BullMQ tests start their own instance on a free loopback port). Run by `npm test`
// before anything else; does nothing when redis-server is already on PATH.
import { spawnSync } from 'node:child_process';

const have = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;

if (!have('redis-server')) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!have('apt-get') || !root) {
    console.error('error: the tests need redis-server and this machine has none — install it (Debian: apt-get install -y redis-server) and run npm test again');
    process.exit(1);
  }
  console.log('provision: installing redis-server (apt-get)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'redis-server']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`error: apt-get ${args.join(' ')} failed (exit ${r.status}) — install redis-server by hand and run npm test again`);
      process.exit(1);
    }
  }
}
console.log(`provision: ${spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.trim()}`);
