/**
 * A throwaway Redis for tests and local benches: Debian's `redis-server` on a free loopback port,
 * no persistence, its own working directory; `stop()` kills it. (A cluster runs its own Redis.)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

export async function startRedisServer(dir: string): Promise<{ url: string; stop(): void }> {
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) throw new Error('redis-server is not installed: apt-get install -y redis-server (npm test provisions it)');
  fs.mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const proc: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG') return { url: `redis://127.0.0.1:${port}/0`, stop: () => proc.kill('SIGKILL') };
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`redis-server did not answer on port ${port}`);
}
