import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape.js';

describe('escapeHtml', () => {
  it('basic: replaces the five HTML-special characters with entities', () => {
    // Expected: the HTML spec's named/numeric references for & < > " '.
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });

  it('leaves other text, including non-ASCII, unchanged', () => {
    expect(escapeHtml('loss/d ≈ 0.7 — ok')).toBe('loss/d ≈ 0.7 — ok');
  });

  it('escapes & first, so existing entities are shown literally', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});
