// A static site: every page is rendered at build time, with the bundled data already in the HTML.
export const prerender = true;
export const trailingSlash = 'ignore';
