/** Page composition of the PDFs, pure: which chart goes on which page, and where. */

/**
 * Which page each chart goes on, stacked from the top: as many as fit (at most `perPage`), each scaled to the
 * page's width (or height, when taller than a page). Returns, per chart, its page and its y in mm.
 */
export function stackPages(
	sizes: readonly { width: number; height: number }[],
	page: { width: number; height: number },
	margin: number,
	gap: number,
	perPage: number
): { page: number; y: number; scale: number }[] {
	const out: { page: number; y: number; scale: number }[] = [];
	let pageNo = 0;
	let y = margin;
	let onPage = 0;
	for (const { width, height } of sizes) {
		const scale = Math.min((page.width - 2 * margin) / width, (page.height - 2 * margin) / height);
		const h = height * scale;
		if (onPage > 0 && (onPage >= perPage || y + h > page.height - margin)) {
			pageNo++;
			y = margin;
			onPage = 0;
		}
		out.push({ page: pageNo, y, scale });
		y += h + gap;
		onPage++;
	}
	return out;
}
