// Minifies the JS glue wasm-bindgen writes for each page (a post-build step, see
// scripts/widget-pages.sh): readable glue is three times the bytes for the same code.
//   node tests/tools/minify-glue.mjs DIR   (every *.js under DIR except embed.js, in place)
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';

async function* files(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.name.endsWith('.js') && e.name !== 'embed.js') yield p;
  }
}

for await (const f of files(process.argv[2] ?? 'dist')) {
  const src = await readFile(f, 'utf8');
  const out = await minify(src, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  await writeFile(f, out.code);
}
