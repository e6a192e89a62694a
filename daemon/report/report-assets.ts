/** The report's browser bundle and styles, built by scripts/build.mjs into dist/media/. */
import { existsSync, readFileSync } from 'node:fs';
import type { ReportAssets } from './report-html';
import { packageFile } from './package-files';

export class ReportAssetsError extends Error {}

export function readReportAssets(): ReportAssets {
  const read = (name: string) => {
    const file = packageFile('dist', 'media', name);
    if (!existsSync(file)) throw new ReportAssetsError(`the report's browser bundle is missing (${file}); build it with "npm run build"`);
    // The page is self-contained: a source-map reference would only send devtools looking for a file that is not there.
    return readFileSync(file, 'utf8').replace(/\n\/[/*]# sourceMappingURL=\S+(?: \*\/)?\s*$/, '\n');
  };
  return { script: read('report.js'), style: read('report.css') };
}
