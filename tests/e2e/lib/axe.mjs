// Runs axe-core (from tests/node_modules) in the page under test.
//
//   const violations = await runAxe(session);
//   assert.deepEqual(violations, [], formatViolations(violations));

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const axeSourcePromise = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Injects axe into the current page (or frame) unless it's there, runs it, and
 * returns its violations as [{id, impact, help, helpUrl, nodes: [{target, html,
 * summary}]}].
 * @param {import('./webdriver.mjs').Session} session
 * @param {object} [options]
 * @param {string|object} [options.context] axe context: a selector or {include, exclude}; default the document
 * @param {object} [options.rules] axe per-rule options, e.g. {'color-contrast': {enabled: false}}
 * @param {object} [options.runOnly] axe runOnly, e.g. {type: 'tag', values: ['wcag2a', 'wcag2aa']}
 */
export async function runAxe(session, { context, rules, runOnly } = {}) {
  // axe.min.js assigns window.axe itself; a script body runs it as-is.
  if (!(await session.exec('return typeof window.axe === "object"'))) {
    await session.exec(await axeSourcePromise);
  }
  // iframes: false because axe would otherwise wait (up to a minute) for an
  // axe instance in every frame, including cross-origin ones it can't reach.
  // Test a frame's document by switching into it and running axe there.
  const options = { iframes: false, resultTypes: ['violations'], ...(rules && { rules }), ...(runOnly && { runOnly }) };
  const result = await session.execAsync(
    `const [context, options, done] = arguments;
     window.axe.run(context ?? document, options).then(
       (results) => done({ violations: results.violations.map((v) => ({
         id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
         nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
       })) }),
       (error) => done({ error: String(error && error.stack || error) }),
     );`,
    context ?? null,
    options,
  );
  if (result.error) throw new Error(`axe.run failed: ${result.error}`);
  return result.violations;
}

/** A readable multi-line report of violations, for assertion messages. */
export function formatViolations(violations) {
  if (!violations.length) return 'no axe violations';
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' >>> ')}\n      ${n.html}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`);
      return `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
    })
    .join('\n');
}
