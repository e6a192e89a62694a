/** Injected by esbuild at build time from package.json (see scripts/build.mjs). */
declare global {
  const __ADO_VERSION__: string;
}
export {};
