import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportHtml } from '../../../daemon/report/report-html';
import { readRunSnapshot } from '../../../daemon/report/run-snapshot';
import { REPORT_PAYLOAD_ID, type ReportPayload } from '../../../media/report/report-payload';
import { syntheticRunDir } from './run-fixtures';
import { tempDir } from '../../helpers/temp-dir';

const payload = (title: string, runs: ReportPayload['runs'] = []): ReportPayload => ({ title, generatedAt: 1_700_000_000_123, generator: 'test', runs, comparison: null });
const embedded = (html: string): unknown => {
  const start = html.indexOf('>', html.indexOf(`id="${REPORT_PAYLOAD_ID}"`)) + 1;
  return JSON.parse(html.slice(start, html.indexOf('</script>', start)));
};

test('nothing in the data or the assets can end the page\'s script and style elements early', () => {
  const title = 'a </script><script>alert(1)</script> & "b"';
  const html = reportHtml(payload(title), { script: 'const s = "</script>";', style: 'a::after { content: "</style>" }' });
  assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the two script elements close');
  assert.equal(html.match(/<\/style>/g)?.length, 1);
  assert.match(html, /<title>a &lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;b&quot;<\/title>/);
  assert.equal((embedded(html) as ReportPayload).title, title);
});

test('the embedded data keeps six significant digits of every fraction and every integer exactly', async () => {
  const run = await readRunSnapshot(syntheticRunDir(tempDir('ado-report-html-'), 'digits', { steps: 200, domains: 2 }), 100);
  const original = payload('digits', [run]);
  const compare = (a: unknown, b: unknown, path: string): void => {
    if (typeof a === 'number' && typeof b === 'number') {
      if (Number.isInteger(a)) assert.equal(b, a, path);
      else assert.ok(Math.abs(b - a) <= Math.abs(a) * 5e-6, `${path}: ${a} → ${b}`);
    } else if (a && typeof a === 'object') for (const key of Object.keys(a)) compare((a as never)[key], (b as never)[key], `${path}.${key}`);
  };
  compare(original, embedded(reportHtml(original, { script: '', style: '' })), 'payload');
});
