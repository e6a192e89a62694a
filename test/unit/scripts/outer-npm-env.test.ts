import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const helper = join(__dirname, '../../../scripts/e2e/outer-npm-env.sh');

function innerEnvironment(outer: Record<string, string>): Map<string, string> {
  const printed = execFileSync('bash', ['-c', `source "${helper}" && without_outer_npm env`], {
    env: { PATH: process.env.PATH ?? '', ...outer },
    encoding: 'utf8',
  });
  return new Map(printed.split('\n').filter(Boolean).map((line) => {
    const at = line.indexOf('=');
    return [line.slice(0, at), line.slice(at + 1)];
  }));
}

test('an install started under `npm run` does not inherit the outer npm’s Node version, node-gyp or prefix', () => {
  const inner = innerEnvironment({
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    npm_config_nodedir: '/usr',
    npm_config_prefix: '/usr',
    npm_config_local_prefix: '/work/repo',
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
    npm_node_execpath: '/usr/bin/node',
    npm_lifecycle_event: 'setup:e2e',
    npm_package_name: 'ado-studio',
    HOME: '/root',
  });
  for (const name of inner.keys()) assert.ok(!name.startsWith('npm_'), `${name} reached the inner npm`);
  assert.equal(inner.get('HOME'), '/root');
});

test('how to reach the registry is kept', () => {
  const inner = innerEnvironment({
    npm_config_registry: 'http://mirror.invalid/',
    npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt',
    npm_config_https_proxy: 'http://proxy.invalid:3128',
  });
  assert.equal(inner.get('npm_config_registry'), 'http://mirror.invalid/');
  assert.equal(inner.get('npm_config_cafile'), '/etc/ssl/certs/ca-certificates.crt');
  assert.equal(inner.get('npm_config_https_proxy'), 'http://proxy.invalid:3128');
});
