import { describe, expect, test } from 'vitest';
import { escapeXml, toXml, xmlList } from './xml.js';

describe('the XML writer', () => {
  test('escapes markup and drops forbidden characters', () => {
    expect(escapeXml(`<script>"a" & 'b'</script>\u0001`)).toBe('&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;');
  });
  test('writes lists, nested objects and empty elements', () => {
    const xml = toXml('service_requests', xmlList('request', [{ id: 1, note: null, attrs: { a: 'x<y' } }, { id: 2 }]));
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><service_requests><request><id>1</id><note/><attrs><a>x&lt;y</a></attrs></request><request><id>2</id></request></service_requests>',
    );
  });
});
