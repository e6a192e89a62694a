export * from './schema';
export * from './diagnostics';
export { validateConfig, validateConfigValue, type ValidationResult } from './validate';
export { resolveAdoConfig, resolveConfig, type ResolvedRunConfig, type ResolvedAdoConfig } from './resolve';
export { domainNames, type ConfigRule } from './semantic-rules';
