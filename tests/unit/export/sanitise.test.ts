import { describe, expect, it } from 'vitest';
import { escapeXml, stripForbidden } from '../../../src/lib/export/sanitise';

describe('stripForbidden', () => {
	it.each([
		['ESC', 'Khan\u001b[31m 2002', 'Khan[31m 2002'],
		['vertical tab', 'a\u000bb', 'ab'],
		['form feed', 'a\u000cb', 'ab'],
		['a late NUL', 'Badwe 2015\u0000', 'Badwe 2015'],
		['U+FFFE and U+FFFF', 'x\ufffey\uffff', 'xy'],
		['a lone high surrogate', 'a\ud83db', 'ab'],
		['a lone low surrogate', 'a\udc4db', 'ab']
	])('removes %s', (_name, input, expected) => {
		expect(stripForbidden(input)).toBe(expected);
	});

	it('keeps tab, newline, arrows, minus signs, accents and emoji', () => {
		const text = '← favours surgery\t−20.2 mo\nDíaz de la Noval ≥ τ² 👍';
		expect(stripForbidden(text)).toBe(text);
	});
});

describe('escapeXml', () => {
	it('escapes markup characters and drops forbidden ones', () => {
		expect(escapeXml('<b>"A" & \'B\'</b>\u0007')).toBe(
			'&#60;b&#62;&#34;A&#34; &#38; &#39;B&#39;&#60;/b&#62;'
		);
	});
});
