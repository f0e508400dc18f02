// Makes `fast-check` impossible to find, as in a project that installed event-value without it:
// `node --import ./test/support/hide-fast-check.mjs --import tsx conformance/cli.ts ...`.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'fast-check' || specifier.startsWith('fast-check/')) {
    throw Object.assign(new Error("Cannot find package 'fast-check' imported from " + context.parentURL), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
