/** What an exported figure or a slide carries besides the chart, and the version of the bundled data it cites. */

/** Title, subtitle (the view) and source (publications, dataset and version), plus the summary when asked. */
export interface Caption {
	title: string;
	subtitle: string;
	source: string;
	/** The plain-language summary, when asked for in captions. */
	summary?: string;
}
