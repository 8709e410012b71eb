// What a reader sees of a drawing, measured in the page in one script per look (issue 11):
// where the ink is (for empty bands), which labels are cut short, which labels overlap.
//
//   const look = await inspect(s, '.graphic .panel');
//   look.band      // {top, bottom, ratio, panel}: the tallest horizontal band without ink
//   look.cuts      // [{text, why}]: labels cut short
//   look.overlaps  // [{a, b}]: labels whose text overlaps
//
// INK. A pixel row of the panel has ink when something a reader would see as part of the
// picture crosses it:
//   - text: the client rects of every visible text node (a Range over it), so an empty line box
//     or a padded label box does not count, only the glyphs' line boxes;
//   - painted boxes: an element's (or its ::before/::after's) background, or each border side at
//     least 1 px wide, when its colour stands out from the page's paper by a contrast of at least
//     1.3:1 (marks, bars, glyphs, needles, rules and leaders do; flat tints such as the lanes'
//     and eras' bands, the bar's track or the context strip's background, at about 1.1:1, do not);
//   - SVG geometry (path, polyline, line, rect, circle, ellipse, polygon, use) painted with a
//     fill or stroke that stands out likewise, by its bounding box; the map's land and coast
//     paths count whatever their colour (land is drawn paper-coloured against tinted water);
//   - images and canvases, by their box.
// Something is visible when it has a box, its visibility is `visible`, the product of its and its
// ancestors' opacity is at least 0.1, no ancestor hides it with `clip-path: inset(50%)` or the
// 1 px visually-hidden pattern (`.vh`), and its rect survives clipping by every ancestor whose
// overflow is hidden or clip, by the panel and by the viewport.
// The band is the tallest stretch of the panel's height (from its top edge to its bottom edge,
// as far as the viewport shows it) that no ink crosses; its ratio is that height over the panel's.
//
// CUT LABELS. Visible text in the scope is cut short when (a) its text ends in "…" or "...",
// (b) its glyphs reach more than 1 px beyond an ancestor that clips them (overflow hidden/clip,
// with or without text-overflow: ellipsis) — scrollable boxes (overflow auto/scroll) do not cut,
// their text can be scrolled to — or (c) its glyphs reach beyond the viewport's left or right
// edge. Form controls (select, textarea, input) are not text nodes and are not checked.
//
// COVERED. Text a page covers on purpose with an opaque box of its own is not seen, so it is
// neither ink nor a label: the stage's verdict under the what-if verdict (COVERED; the diagram
// test checks that the cover hides it whole).
//
// OVERLAPS. Labels are the elements matching LABELS (timeline labels, lane names, ticks, the
// context strip's years, the kickers and the key; the diagram's ghost stage names, course names,
// verdicts and rows; map labels). Two labels overlap when a visible text rect of one and a
// visible text rect of the other intersect by more than 1 px both ways. A label's text is not
// compared with its own descendants'.

/** The tallest empty band a panel may have, as a share of its height (the stage checks). */
export const MAX_BAND = 0.15;

export const LABELS = [
  // timeline (and the map's labels, also .lbl)
  '.lbl',
  '.lane-name',
  '.tk',
  '.ctx-yr',
  '.tl-span .sc',
  '.key li',
  // diagram
  '.dg-when .sc',
  '.ghost span',
  '.course b',
  '.course span',
  '.dg-verdict .sc',
  '.whatif-verdict',
  '.row-head',
  '.row-meta',
  '.row-note',
  '.row-why',
  '.row-out',
].join(', ');

export const COVERED = '.inst-dg.is-whatif .dg-verdict .sc';

/** The in-page measurement: returns {band, cuts, overlaps, labels, inkRects}. */
function measure(rootSelector, labelSelector, coveredSelector) {
  const root = document.querySelector(rootSelector);
  if (!root) return { missing: rootSelector };
  const vw = document.documentElement.clientWidth;
  const vh = innerHeight;
  const R0 = root.getBoundingClientRect();
  const R = { left: Math.max(R0.left, 0), right: Math.min(R0.right, vw), top: Math.max(R0.top, 0), bottom: Math.min(R0.bottom, vh) };

  // Colours, normalised by a canvas (engines report color-mix() and color() in their own ways).
  const ctx = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true });
  const rgbaCache = new Map();
  const rgba = (css) => {
    if (!rgbaCache.has(css)) {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      rgbaCache.set(css, css === 'transparent' || /^rgba\(.*,\s*0\)$/.test(css) ? [0, 0, 0, 0] : [r, g, b, a / 255]);
    }
    return rgbaCache.get(css);
  };
  const lum = ([r, g, b]) => {
    const f = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const paperRgb = (() => {
    for (let e = root; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0.5) return c;
    }
    return rgba(getComputedStyle(document.body).backgroundColor);
  })();
  const paperL = lum(paperRgb);
  const standsOut = (css, opacity = 1) => {
    if (!css || css === 'none') return false;
    const c = rgba(css);
    const a = c[3] * opacity;
    if (a < 0.1) return false;
    const mixed = c.slice(0, 3).map((v, i) => v * a + paperRgb[i] * (1 - a));
    const l = lum(mixed);
    return (Math.max(l, paperL) + 0.05) / (Math.min(l, paperL) + 0.05) >= 1.3;
  };

  // Visibility and clipping, per element (cached).
  const info = new Map();
  const of = (el) => {
    if (info.has(el)) return info.get(el);
    let v;
    if (!el || el === document.documentElement || el === document) {
      v = { visible: true, opacity: 1, clips: [] };
    } else {
      const up = of(el.parentElement);
      const cs = getComputedStyle(el);
      const opacity = up.opacity * Number(cs.opacity);
      const r = el.getBoundingClientRect();
      const cp = cs.clipPath || cs.webkitClipPath || 'none';
      const srOnly = (/^inset\(50%/.test(cp) || cs.clip === 'rect(0px, 0px, 0px, 0px)') || (r.width <= 2 && r.height <= 2 && cs.overflow !== 'visible');
      const visible = up.visible && !srOnly && cs.display !== 'none' && !(coveredSelector && el.matches(coveredSelector));
      const clips = up.clips.slice();
      const ox = cs.overflowX;
      const oy = cs.overflowY;
      if (['hidden', 'clip'].includes(ox) || ['hidden', 'clip'].includes(oy)) {
        clips.push({ el, left: ['hidden', 'clip'].includes(ox) ? r.left : -Infinity, right: ['hidden', 'clip'].includes(ox) ? r.right : Infinity,
          top: ['hidden', 'clip'].includes(oy) ? r.top : -Infinity, bottom: ['hidden', 'clip'].includes(oy) ? r.bottom : Infinity });
      }
      v = { visible, opacity, clips, cs, visibility: cs.visibility };
    }
    info.set(el, v);
    return v;
  };
  const clipRect = (r, clips) => {
    let { left, right, top, bottom } = r;
    for (const c of clips) {
      left = Math.max(left, c.left);
      right = Math.min(right, c.right);
      top = Math.max(top, c.top);
      bottom = Math.min(bottom, c.bottom);
    }
    left = Math.max(left, R.left);
    right = Math.min(right, R.right);
    top = Math.max(top, R.top);
    bottom = Math.min(bottom, R.bottom);
    return right - left > 0.5 && bottom - top > 0.5 ? { left, right, top, bottom } : null;
  };
  const describe = (el) => {
    const cls = el.getAttribute && el.getAttribute('class');
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls ? `.${cls.trim().split(/\s+/).join('.')}` : ''}`;
  };
  const shows = (el) => {
    const i = of(el);
    return i.visible && i.opacity >= 0.1 && i.visibility === 'visible';
  };

  const ink = [];
  const texts = [];
  const cuts = [];

  // Text: every text node under the scope.
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const text = t.data.replace(/\s+/g, ' ').trim();
    const el = t.parentElement;
    if (!text || !el || !shows(el)) continue;
    if (['SCRIPT', 'STYLE', 'OPTION', 'TEXTAREA', 'SELECT', 'TITLE'].includes(el.tagName)) continue;
    range.selectNodeContents(t);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
    const seen = rects.map((r) => clipRect(r, of(el).clips)).filter(Boolean);
    if (!seen.length) continue;
    ink.push(...seen);
    texts.push({ node: t, el, rects: seen });
    if (/(…|\.\.\.)$/.test(text)) cuts.push({ text, in: describe(el), why: 'ends in an ellipsis' });
    const clipped = of(el).clips.find((c) => rects.some((r) => r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1));
    if (clipped) cuts.push({ text, in: describe(el), why: `clipped by ${describe(clipped.el)} (overflow ${getComputedStyle(clipped.el).overflow}, text-overflow ${getComputedStyle(clipped.el).textOverflow})` });
    else if (rects.some((r) => r.left < -1 || r.right > vw + 1)) cuts.push({ text, in: describe(el), why: 'runs off the screen' });
  }

  // Painted boxes, borders, pseudo-elements, SVG geometry, images.
  const SVG_SHAPES = new Set(['path', 'polyline', 'line', 'rect', 'circle', 'ellipse', 'polygon', 'use']);
  const addBox = (r, clips) => {
    const c = clipRect(r, clips);
    if (c) ink.push(c);
  };
  const paintBox = (r, cs, opacity, clips) => {
    if (standsOut(cs.backgroundColor, opacity)) addBox(r, clips);
    for (const [side, w] of [['Top', 'height'], ['Bottom', 'height'], ['Left', 'width'], ['Right', 'width']]) {
      const bw = parseFloat(cs[`border${side}Width`]) || 0;
      if (bw < 1 || cs[`border${side}Style`] === 'none' || cs[`border${side}Style`] === 'hidden') continue;
      if (!standsOut(cs[`border${side}Color`], opacity)) continue;
      const b = { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      if (side === 'Top') b.bottom = r.top + bw;
      if (side === 'Bottom') b.top = r.bottom - bw;
      if (side === 'Left') b.right = r.left + bw;
      if (side === 'Right') b.left = r.right - bw;
      if (w === 'height') b.bottom = Math.max(b.bottom, b.top + 1);
      addBox(b, clips);
    }
  };
  for (const el of root.querySelectorAll('*')) {
    if (!shows(el)) continue;
    const i = of(el);
    const cs = i.cs;
    const r = el.getBoundingClientRect();
    const tag = el.tagName.toLowerCase();
    if (el instanceof SVGElement) {
      // An SVG image (the map's land) is ink by its box once it names its file (the stage test
      // waits for the file before it looks); one still waiting for the app (data-href) is not.
      if (tag === 'image') {
        if (el.getAttribute('href')) addBox(r, i.clips);
        continue;
      }
      if (!SVG_SHAPES.has(tag)) continue;
      const map = el.closest('.inst-map .geo');
      if (map || standsOut(cs.fill === 'none' ? 'transparent' : cs.fill, i.opacity * Number(cs.fillOpacity || 1)) || (cs.stroke !== 'none' && parseFloat(cs.strokeWidth) > 0 && standsOut(cs.stroke, i.opacity * Number(cs.strokeOpacity || 1)))) {
        // A line's box may be 0 wide or high: it still crosses its rows.
        addBox({ left: r.left, right: Math.max(r.right, r.left + 1), top: r.top, bottom: Math.max(r.bottom, r.top + 1) }, i.clips);
      }
      continue;
    }
    if (['img', 'canvas', 'video'].includes(tag)) {
      addBox(r, i.clips);
      continue;
    }
    paintBox(r, cs, i.opacity, i.clips);
    for (const pseudo of ['::before', '::after']) {
      const ps = getComputedStyle(el, pseudo);
      if (!ps.content || ps.content === 'none' || ps.content === 'normal' || ps.display === 'none' || ps.visibility !== 'visible') continue;
      const px = (v) => (/^-?[\d.]+px$/.test(v) ? parseFloat(v) : null);
      let box = r;
      if (ps.position === 'absolute' || ps.position === 'fixed') {
        const [l, t, w, h] = [px(ps.left), px(ps.top), px(ps.width), px(ps.height)];
        if (l !== null && t !== null && w !== null && h !== null) {
          const bl = parseFloat(cs.borderLeftWidth) || 0;
          const bt = parseFloat(cs.borderTopWidth) || 0;
          box = { left: r.left + bl + l, top: r.top + bt + t, right: r.left + bl + l + Math.max(w, 1), bottom: r.top + bt + t + Math.max(h, 1) };
          // Borders of the pseudo add to its size (content-box sizing).
          if (ps.boxSizing !== 'border-box') {
            box.right += (parseFloat(ps.borderLeftWidth) || 0) + (parseFloat(ps.borderRightWidth) || 0) + (parseFloat(ps.paddingLeft) || 0) + (parseFloat(ps.paddingRight) || 0);
            box.bottom += (parseFloat(ps.borderTopWidth) || 0) + (parseFloat(ps.borderBottomWidth) || 0) + (parseFloat(ps.paddingTop) || 0) + (parseFloat(ps.paddingBottom) || 0);
          }
        }
      }
      paintBox(box, ps, i.opacity * Number(ps.opacity), i.clips);
    }
  }

  // The tallest band of the panel's height that no ink crosses.
  const spans = ink.map((r) => [r.top, r.bottom]).sort((a, b) => a[0] - b[0]);
  let y = R.top;
  let band = { top: R.top, bottom: R.top, height: 0 };
  for (const [t, b] of spans) {
    if (t > y && t - y > band.height) band = { top: y, bottom: t, height: t - y };
    y = Math.max(y, b);
  }
  if (R.bottom - y > band.height) band = { top: y, bottom: R.bottom, height: R.bottom - y };
  const H = R.bottom - R.top;
  const describeBand = {
    top: Math.round(band.top - R.top),
    bottom: Math.round(band.bottom - R.top),
    height: Math.round(band.height),
    panel: Math.round(H),
    ratio: H > 0 ? band.height / H : 1,
  };

  // Overlapping labels.
  const labels = [...root.querySelectorAll(labelSelector)].filter(shows);
  const textsOf = (label) => texts.filter((x) => label.contains(x.el)).flatMap((x) => x.rects);
  const boxes = labels.map((l) => ({ l, rects: textsOf(l) })).filter((x) => x.rects.length);
  const overlaps = [];
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) {
      const [A, B] = [boxes[a], boxes[b]];
      if (A.l.contains(B.l) || B.l.contains(A.l)) continue;
      const hit = A.rects.some((p) => B.rects.some((q) => Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1));
      if (hit) overlaps.push({ a: `${describe(A.l)} “${A.l.textContent.trim().slice(0, 60)}”`, b: `${describe(B.l)} “${B.l.textContent.trim().slice(0, 60)}”` });
    }
  }
  return { band: describeBand, cuts, overlaps, labels: boxes.length, inkRects: ink.length };
}

/**
 * Measures the drawing under `root` (a CSS selector) in one script.
 * @returns {Promise<{band: {top, bottom, height, panel, ratio}, cuts: object[], overlaps: object[], labels: number}>}
 */
export async function inspect(s, root, labels = LABELS, covered = COVERED) {
  const look = await s.exec(measure, root, labels, covered);
  if (look.missing) throw new Error(`inspect: nothing matches ${look.missing}`);
  return look;
}

/** A readable line per problem, for assertion messages. */
export function report(look) {
  return [
    ...look.cuts.map((c) => `cut: “${c.text}” in ${c.in}: ${c.why}`),
    ...look.overlaps.map((o) => `overlap: ${o.a} × ${o.b}`),
  ].join('\n');
}
