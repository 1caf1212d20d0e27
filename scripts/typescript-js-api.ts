/**
 * Lends TypeScript 6 to the tools that need TypeScript's JavaScript API (typescript-eslint's typed
 * rules, `astro check`). The project's `typescript` is 7, the Go port, which has no such API; 6 is
 * installed beside it as `typescript6`. Loaded with `node --import`, this hook sends every
 * `typescript` import of a dependency to `typescript6`; the project's own `tsc` stays 7.
 */
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const fromDependency = context.parentURL?.includes('/node_modules/') ?? false;
    if (fromDependency && (specifier === 'typescript' || specifier.startsWith('typescript/'))) {
      return nextResolve(`typescript6${specifier.slice('typescript'.length)}`, context);
    }
    return nextResolve(specifier, context);
  },
});
