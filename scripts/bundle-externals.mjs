// Packages esbuild leaves out of dist/*.js. scripts/build.mjs bundles around them, and
// scripts/package-vsix.mjs ships them (with their dependencies) in the .vsix.

// tfjs backends load their .wasm files and native addons from their own package folders, and all
// of them must register with one shared tfjs-core, so every @tensorflow package stays external.
export const nodeExternals = ['vscode', '@tensorflow/*'];
