// Sharing by link: what the oEmbed and WordPress tests need besides the served build.
//
// The build writes absolute addresses for where it will be served (EXPLAINER_PUBLIC_URL, by
// default http://127.0.0.1:8080/); the tests serve it elsewhere, at a free port under
// /explainer/. `routedFetch` sends requests for the public address to the served one, as DNS and
// a proxy would for a deployed site; `rebase` does the same for HTML handed to a browser.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './site.mjs';

/** The pages that are shared: the essay's folder and each widget's page under it. */
export const PAGES = [
  { widget: 'essay', dir: '' },
  { widget: 'timeline', dir: 'timeline/' },
  { widget: 'diagram', dir: 'diagram/' },
];

/** The public address the build was made for: its essay's oEmbed `provider_url`. */
export function publicBase(dist = join(REPO, 'dist')) {
  return JSON.parse(readFileSync(join(dist, 'oembed.json'), 'utf8')).provider_url;
}

/** A fetch that sends requests under `from` to `to`, noting every address it fetched. */
export function routedFetch(from, to, log = []) {
  const fn = (url, init) => {
    const u = String(url);
    const routed = u.startsWith(from) ? to + u.slice(from.length) : u;
    log.push(routed);
    return fetch(routed, init);
  };
  fn.log = log;
  return fn;
}

/** `text` with the public address replaced by the served one. */
export function rebase(text, from, to) {
  return text.split(from).join(to);
}

/** Width and height from a PNG's header. */
export function pngSize(buf) {
  if (buf.subarray(0, 8).toString('latin1') !== '\x89PNG\r\n\x1a\n') return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

// ---------------------------------------------------------------------------------------------
// WordPress (6.1, as Debian ships it): what it makes of an oEmbed response from a provider it
// does not know, and the page it writes around it.

/** WordPress's host script, unpacked from Debian's package by scripts/setup.sh. */
export const WP_DIR = join(REPO, 'tests', 'vendor', 'wordpress');
export function wpEmbedScript() {
  return readFileSync(join(WP_DIR, 'wp-embed.min.js'), 'utf8');
}
export function wpVersion() {
  return readFileSync(join(WP_DIR, 'VERSION'), 'utf8').trim();
}

/**
 * wp_kses for the few tags and attributes wp_filter_oembed_result allows: tags not listed are
 * dropped (their text stays), attributes not listed are dropped, values are double-quoted.
 */
export function kses(html, allowed) {
  return html.replace(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g, (whole, close, name, rest) => {
    const tag = name.toLowerCase();
    if (!(tag in allowed)) return '';
    if (close) return `</${tag}>`;
    const attrs = [];
    for (const m of rest.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      const key = m[1].toLowerCase();
      if (!allowed[tag].includes(key)) continue;
      const value = m[2] ?? m[3] ?? m[4];
      attrs.push(value === undefined ? key : `${key}="${value}"`);
    }
    return `<${tag}${attrs.map((a) => ` ${a}`).join('')}>`;
  });
}

/**
 * wp_filter_oembed_result (wp-includes/embed.php) for a provider WordPress does not trust: keep a
 * blockquote and the first iframe, give the frame a secret (in `data-secret` and as `#?secret=`
 * on its address) and sandbox it; with a blockquote, hide the frame until it speaks.
 */
export function wpFilterOembedResult(result, secret) {
  const allowed = {
    a: ['href'],
    blockquote: [],
    iframe: ['src', 'width', 'height', 'frameborder', 'marginwidth', 'marginheight', 'scrolling', 'title'],
  };
  let html = kses(result, allowed);
  const content = /(<blockquote>.*?<\/blockquote>)?.*(<iframe.*?><\/iframe>)/s.exec(html);
  if (!content?.[2]) return false;
  html = (content[1] ?? '') + content[2];
  const results = / src=(['"])(.*?)\1/.exec(html);
  if (results) {
    // esc_url: ampersands and single quotes become entities.
    const url = `${results[2]}#?secret=${secret}`.replace(/&(amp;)?/g, '&#038;').replace(/'/g, '&#039;');
    const q = results[1];
    html = html.split(results[0]).join(` src=${q}${url}${q} data-secret=${q}${secret}${q}`);
    html = html.split('<blockquote').join(`<blockquote data-secret="${secret}"`);
  }
  allowed.blockquote.push('data-secret');
  allowed.iframe.push('data-secret');
  html = kses(html, allowed);
  if (content[1]) {
    html = html.split('<iframe').join('<iframe style="position: absolute; clip: rect(1px, 1px, 1px, 1px);"');
    html = html.split('<blockquote').join('<blockquote class="wp-embedded-content"');
  }
  return html.replace(/<iframe/gi, '<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted"');
}

/** shortcode_parse_atts (wp-includes/shortcodes.php): attributes as WordPress reads them. */
export function wpParseAtts(text) {
  const re = /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g;
  const atts = {};
  for (const m of text.replace(/[\u00a0\u200b]+/g, ' ').matchAll(re)) {
    if (m[1]) atts[m[1].toLowerCase()] = m[2];
    else if (m[3]) atts[m[3].toLowerCase()] = m[4];
    else if (m[5]) atts[m[5].toLowerCase()] = m[6];
  }
  return atts;
}

/**
 * WP_oEmbed::discover (wp-includes/class-wp-oembed.php) on a page's HTML: the first 150 KB, cut
 * at `</head>` if there is one, the `<link>` tags as its regular expression finds them, JSON
 * preferred. Returns the provider address WordPress would fetch, or null.
 */
export function wpDiscover(html) {
  let head = Buffer.from(html).subarray(0, 153600).toString();
  const end = head.toLowerCase().indexOf('</head>');
  if (end > 0) head = head.slice(0, end);
  const types = { 'application/json+oembed': 'json', 'text/xml+oembed': 'xml', 'application/xml+oembed': 'xml' };
  if (!Object.keys(types).some((t) => head.toLowerCase().indexOf(t) > 0)) return null;
  const providers = {};
  for (const [, inner] of head.matchAll(/<link([^<>]+?)\/?>/gi)) {
    const atts = wpParseAtts(inner);
    const format = types[atts.type];
    if (format && atts.href) {
      providers[format] = atts.href.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
      if (format === 'json') break;
    }
  }
  return providers.json ?? providers.xml ?? null;
}

/** wp_generate_password(10, false): the secret WordPress gives a frame. */
export function wpSecret() {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from({ length: 10 }, () => chars[Math.floor(Math.random() * chars.length)]).join('');
}

/**
 * A post as a WordPress theme prints it: the embed block's figure around each embed, and the
 * host script enqueued in the footer (WordPress 5.9 and later enqueue it only for embeds with a
 * `<blockquote class="wp-embedded-content">`, which is why the response carries one).
 */
export function wpPost(embeds, { title = 'A post with an explainer' } = {}) {
  const figures = embeds
    .map(
      (html) => `<figure class="wp-block-embed is-type-rich is-provider-explainer wp-block-embed-explainer"><div class="wp-block-embed__wrapper">
${html}
</div></figure>`,
    )
    .join('\n<p>More of the post’s own text between the embeds.</p>\n');
  const enqueue = embeds.some((h) => /<blockquote\s[^>]*?wp-embedded-content/.test(h));
  return `<!doctype html><html lang="en-US"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – A WordPress site</title><link rel="icon" href="data:,">
<style>body{margin:0;font:18px/1.6 Georgia,serif}.entry-content{max-width:640px;margin:0 auto;padding:1rem}.wp-block-embed{margin:2em 0}.wp-block-embed iframe{max-width:100%}</style></head>
<body class="post-template-default single single-post"><main class="entry-content"><h1>${title}</h1><p>The post’s own text.</p>
${figures}
<div style="height:120vh"></div></main>
${enqueue ? `<script src="/wp-includes/js/wp-embed.min.js?ver=${wpVersion().split('+')[0]}" id="wp-embed-js"></script>` : ''}
</body></html>`;
}
