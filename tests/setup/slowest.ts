import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints the ten slowest tests (all attempts) with their durations when the run ends, beside the list reporter. */
export default class SlowestReporter implements Reporter {
	private readonly runs: { title: string; ms: number; status: string; retry: number }[] = [];

	printsToStdio() {
		return true;
	}

	onTestEnd(test: TestCase, result: TestResult) {
		const [, , file, ...titles] = test.titlePath();
		this.runs.push({
			title: `${file ?? ''} › ${titles.join(' › ')}`,
			ms: result.duration,
			status: result.status,
			retry: result.retry
		});
	}

	onEnd(result: FullResult) {
		const slowest = [...this.runs].sort((a, b) => b.ms - a.ms).slice(0, 10);
		const lines = slowest.map(
			(r, i) =>
				`${String(i + 1).padStart(2)}. ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.title}` +
				(r.status === 'passed' && r.retry === 0 ? '' : ` (${r.status}${r.retry ? `, retry ${r.retry}` : ''})`)
		);
		console.log(
			`\nSlowest ${slowest.length} tests (run ${(result.duration / 1000).toFixed(1)} s, ${result.status}):\n${lines.join('\n')}`
		);
	}
}
