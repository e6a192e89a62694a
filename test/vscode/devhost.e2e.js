// Runs test/vscode/host/index.js INSIDE code-server's extension host, next to the installed
// extension (like @vscode/test-electron, which cannot download VS Code offline). code-server must
// run with --vscode-option enable-smoke-test-driver: a built workbench ignores the development
// payload otherwise. The tests' console output reaches the page console; so does their summary.
// Usage: node test/vscode/devhost.e2e.js <base-url> <workspace> <extension-dir> <tests-module> <screenshot-dir>
const path = require('node:path');
const { launchBrowser, log } = require('./workbench');

const [base, workspace, extensionDir, testsModule, screenshots] = process.argv.slice(2);
const TIMEOUT_MS = Number(process.env.ADO_DEVHOST_TIMEOUT_MS || 240_000);

(async () => {
  const { page, close } = await launchBrowser();
  const authority = new URL(base).host;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDir}`],
    ['extensionTestsPath', `vscode-remote://${authority}${testsModule}`],
  ];
  let summary;
  let timer;
  const finished = new Promise((resolve) => {
    page.on('console', (message) => {
      const text = message.text().replace(/^%c\s*\S+\s*color:\s*\S+\s*/, '');
      if (/^(ok|not ok|#) /.test(text)) log(text);
      const counts = /EXT-TESTS: (\d+) passed, (\d+) failed/.exec(text);
      if (counts) resolve((summary = { passed: Number(counts[1]), failed: Number(counts[2]) }));
    });
    timer = setTimeout(resolve, TIMEOUT_MS);
  });
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  await finished;
  clearTimeout(timer);
  await page.screenshot({ path: path.join(screenshots, 'extension-host-tests.png') }).catch(() => {});
  await close();
  if (!summary) log(`no test summary within ${TIMEOUT_MS / 1000} s`);
  const { passed, failed } = summary ?? { passed: 0, failed: 1 };
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
})();
