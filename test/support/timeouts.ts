/**
 * Explicit timeouts for the tests that are slow by nature, so that none runs within 3x of its
 * timeout on a shared 2-core machine (`npm run check:timeouts` lists every test's time against
 * its timeout). Under load a test's time can triple or more, so each is several times what the
 * slowest test of its kind takes alone here; vitest's default of 5 s is left to the tests that
 * take milliseconds.
 *
 * @module
 */

/**
 * A test that starts a process (tsx, the command line) or runs the TypeScript compiler: 0.5 to
 * 5.5 s each alone here, most of it starting Node and compiling.
 */
export const processTimeout = 120_000;

/**
 * A test that runs a fast-check property over many command sequences, the conformance kit, an
 * exhaustive search, or many forced garbage collections: up to about 7 s alone here.
 */
export const searchTimeout = 60_000;
