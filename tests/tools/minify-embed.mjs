// Writes public/embed.js, the shipped embed loader, from its readable source embed/loader.js.
//   node tests/tools/minify-embed.mjs          write it
//   node tests/tools/minify-embed.mjs --check  fail if public/embed.js is stale or over 2 KB
import { minify } from 'terser';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../../embed/loader.js', import.meta.url));
const out = fileURLToPath(new URL('../../public/embed.js', import.meta.url));
const LIMIT = 2048;

const source = await readFile(src, 'utf8');
const { code } = await minify(source, { compress: { passes: 2 }, mangle: true, format: { comments: false } });
const shipped = `/* embed/loader.js, minified */\n${code}\n`;
if (process.argv.includes('--check')) {
  const current = await readFile(out, 'utf8').catch(() => '');
  if (current !== shipped) throw new Error('public/embed.js is stale: run node tests/tools/minify-embed.mjs');
} else {
  await writeFile(out, shipped);
}
const size = Buffer.byteLength(shipped);
if (size > LIMIT) throw new Error(`public/embed.js is ${size} B, over the ${LIMIT} B budget`);
console.log(`public/embed.js: ${size} B`);
