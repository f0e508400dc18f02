// @ts-check
/**
 * A TypeDoc plugin for this project's API pages, so that they read as the spec they cite:
 *
 * - every clause id in a doc comment (`GET-2`, `SYNC-7`) becomes a link to that clause in the
 *   rendered `docs/spec.md`, where each clause gets an anchor of its own id;
 * - members named by well-known symbols keep their JavaScript names: `[Symbol.asyncIterator]`
 *   and `[Symbol.dispose]`, where TypeDoc would print `[asyncIterator]`.
 */
import { Converter, PageEvent } from 'typedoc';

/** A clause id: a prefix of capitals and a number, as docs/spec.md numbers them. */
const CLAUSE = /\b((?:VAL|WATCH|GET|ASYNC|SYNC|PROD|PEEK|CONC|ABORT|CLOSE|ERR|ORDER|RE|ITER|DISPOSE|VIEW|PRED|LIFE|COST)-\d+)\b/g;

/** Rewrites the text between tags, leaving tags, code and existing links alone. */
function rewriteText(html, rewrite) {
  let depth = 0;
  return html.replace(/(<[^>]+>)|([^<]+)/g, (match, tag, text) => {
    if (tag !== undefined) {
      if (/^<(a|code|pre|script|style)[\s>]/i.test(tag)) depth += 1;
      else if (/^<\/(a|code|pre|script|style)>/i.test(tag)) depth = Math.max(0, depth - 1);
      return tag;
    }
    return depth > 0 ? text : rewrite(text);
  });
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    const symbol = /^\[(asyncIterator|iterator|dispose|asyncDispose)\]$/.exec(reflection.name);
    if (symbol !== null) reflection.name = `[Symbol.${symbol[1]}]`;
  });

  app.renderer.on(PageEvent.END, (page) => {
    if (page.contents === undefined) return;
    if (page.url === 'documents/spec.html') {
      // Each clause's bold id becomes its anchor.
      page.contents = page.contents.replace(/<strong>([A-Z]+-\d+)<\/strong>/g, '<strong id="$1"><a href="#$1">$1</a></strong>');
      return;
    }
    const toRoot = '../'.repeat(page.url.split('/').length - 1);
    const main = /<div class="col-content">[\s\S]*<\/div>/.exec(page.contents);
    if (main === null) return;
    const linked = rewriteText(main[0], (text) => text.replace(CLAUSE, `<a href="${toRoot}documents/spec.html#$1" class="clause">$1</a>`));
    page.contents = page.contents.replace(main[0], linked);
  });
}
