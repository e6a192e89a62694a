/** Chart exports from a static page: the browser downloads each file (no host to hand it to). */
import type { CardExports } from '../dashboard/chart-card';
import { REPORT_THEME } from './report-theme';

export const DOWNLOADS: CardExports = {
  background: () => REPORT_THEME.background,
  save(format, fileName, data) {
    const link = document.createElement('a');
    link.download = `${fileName}.${format}`;
    link.href = format === 'png' ? data : URL.createObjectURL(new Blob([data], { type: 'text/csv' }));
    link.click();
    if (format === 'csv') setTimeout(() => URL.revokeObjectURL(link.href), 0);
  },
};
