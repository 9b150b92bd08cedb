/** Small HTML building blocks; every text argument is escaped here, so callers pass raw text. */
import { escapeHtml } from './escape.js';

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 1400px; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.9rem; } td, th { border: 1px solid #ddd; padding: 0.2rem 0.6rem; }
th { background: #f4f4f4; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { display: inline-block; margin: 0.5rem; vertical-align: top; } figcaption { font-size: 0.85rem; color: #555; }
img.sample { image-rendering: pixelated; min-width: 160px; } img.plot { max-width: 100%; }
pre { background: #f8f8f8; padding: 0.5rem; max-width: 60ch; white-space: pre-wrap; }
[hidden] { display: none !important; }
.warning { color: #a40; } .meta { color: #555; }
.cards { display: flex; flex-wrap: wrap; gap: 0.6rem; margin: 1rem 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 0.5rem 0.9rem; min-width: 9rem; background: #fafafa; }
.card .v { font-size: 1.4rem; font-variant-numeric: tabular-nums; } .card .k { font-size: 0.8rem; color: #555; }
section.slider { display: inline-block; vertical-align: top; margin: 0.5rem 1rem 0.5rem 0; }
.slider-bar { display: flex; align-items: center; gap: 0.6rem; font-size: 0.9rem; } .slider-bar input { width: 18rem; }
section.slider img.sample { min-width: 320px; }
details summary { cursor: pointer; color: #444; }
`;

/** A whole self-contained page (no external resources); `script` is page code of ours, never run data. */
export function htmlPage(title: string, body: string, script?: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
${script ? `<script>${script}</script>` : ''}
</body>
</html>
`;
}

/** A table cell: plain text, or a number-like text right-aligned. */
export type Cell = string | { num: string };

/** A table; header and cells are escaped. */
export function htmlTable(header: readonly string[], rows: readonly (readonly Cell[])[], className = ''): string {
  const th = header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const tr = rows.map(
    (r) =>
      `<tr>${r.map((c) => (typeof c === 'string' ? `<td>${escapeHtml(c)}</td>` : `<td class="num">${escapeHtml(c.num)}</td>`)).join('')}</tr>`,
  );
  const cls = className ? ` class="${escapeHtml(className)}"` : '';
  return `<table${cls}>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${tr.join('\n')}\n</tbody>\n</table>`;
}

/** A data: URI of bytes. */
export function dataUri(bytes: Uint8Array, mime: string): string {
  return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** An <img> inside a <figure> with a caption; `kind` goes to data-kind (plot | sample). */
export function htmlFigure(src: string, caption: string, kind: 'plot' | 'sample'): string {
  return (
    `<figure><img class="${kind}" data-kind="${kind}" src="${escapeHtml(src)}" alt="${escapeHtml(caption)}">` +
    `<figcaption>${escapeHtml(caption)}</figcaption></figure>`
  );
}

/** Headline numbers as cards: [label, value] pairs, escaped. */
export function htmlCards(cards: readonly (readonly [string, string])[]): string {
  return `<div class="cards">${cards.map(([k, v]) => `<div class="card"><div class="v">${escapeHtml(v)}</div><div class="k">${escapeHtml(k)}</div></div>`).join('')}</div>`;
}

/** A collapsed block (details / summary) around already built HTML. */
export function htmlDetails(summary: string, innerHtml: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>${innerHtml}</details>`;
}

/** A heading (level 1 or 2) with escaped text. */
export function htmlHeading(level: 1 | 2, text: string): string {
  return `<h${level}>${escapeHtml(text)}</h${level}>`;
}

/** A paragraph of escaped text with an optional class. */
export function htmlParagraph(text: string, className = ''): string {
  return className ? `<p class="${escapeHtml(className)}">${escapeHtml(text)}</p>` : `<p>${escapeHtml(text)}</p>`;
}
