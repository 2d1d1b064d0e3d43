/**
 * The model behind every pooled number: weighted least squares of effects yi (sampling variances vi) on a small
 * design matrix X, with the between-study variance τ² estimated as metafor's `rma.uni` does (FE, DL, REML).
 * Pooling is the intercept-only case; Egger's test adds the standard error as a predictor. Only p×p matrices
 * are ever formed (p = number of columns), so a few thousand studies cost nothing.
 */

import {
	chiSquareUpperTail,
	fUpperTail,
	normalQuantile,
	normalTwoSidedP,
	tQuantile,
	tTwoSidedP
} from './distributions';

/** How τ² is estimated: FE fixes it at 0 (common effect), DL is DerSimonian–Laird, REML restricted ML. */
export type Tau2Method = 'FE' | 'DL' | 'REML';

/** Options shared by every fit. */
export interface FitOptions {
	method: Tau2Method;
	/** Knapp–Hartung: scale the variance by the weighted residual mean square and use t(k − p), as metafor "knha". */
	hk?: boolean;
	/** Confidence level of the intervals as a fraction; 0.95 when left out. */
	level?: number;
	/**
	 * REML stopping rule on the change in τ², relative above τ² = 1 (absolute below, where τ² may run to 0);
	 * REML_TOLERANCE (1e-10) when left out. metafor stops at an absolute change below 1e-5.
	 */
	remlTolerance?: number;
}

/**
 * How REML's answer was secured when Fisher scoring alone could not be trusted: `zeroHigher` when scoring stopped
 * at τ² > 0 but the restricted likelihood is higher at τ² = 0 (metafor's `ll0check`, same answer as metafor);
 * `higherMaximum` when a scan of the whole range (k ≤ GLOBAL_SCAN_MAX_K) found a higher maximum than the one
 * scoring stopped at (metafor reports scoring's); `bracketedSearch` when scoring failed to converge or stalled and
 * a bracketed one-dimensional search found the maximum instead.
 */
export type RemlSafeguard = 'zeroHigher' | 'higherMaximum' | 'bracketedSearch' | null;

/** A τ² estimate with how it was reached (DL and FE are closed form: converged, 0 iterations, no safeguard). */
export interface Tau2Estimate {
	tau2: number;
	/**
	 * What R metafor reports for these data: where Fisher scoring stopped, after its τ² = 0 check (the same as
	 * `tau2` unless `safeguard` is `higherMaximum` or `bracketedSearch`). Null when scoring did not converge, where
	 * metafor stops with an error.
	 */
	metaforTau2: number | null;
	/** False only when neither Fisher scoring nor the bracketed search found a maximum. */
	converged: boolean;
	/** Fisher-scoring steps taken. */
	iterations: number;
	safeguard: RemlSafeguard;
}

/** One fitted coefficient with its test and confidence interval. */
export interface Coefficient {
	estimate: number;
	se: number;
	/** z, or t with `df` degrees of freedom under Knapp–Hartung. */
	statistic: number;
	pValue: number;
	ciLow: number;
	ciHigh: number;
}

/** A fitted (meta-)regression. */
export interface MetaRegression {
	method: Tau2Method;
	/** Whether Knapp–Hartung was applied (never with fewer residual degrees of freedom than 1). */
	hk: boolean;
	/** Knapp–Hartung was asked for but k − p < 1 left no residual degrees of freedom, so z tests are used. */
	hkDropped: boolean;
	level: number;
	k: number;
	p: number;
	/** Degrees of freedom of the t tests, null for z tests. */
	df: number | null;
	tau2: number;
	converged: boolean;
	iterations: number;
	/** REML only: the safeguard that corrected Fisher scoring (see RemlSafeguard), null when none was needed. */
	safeguard: RemlSafeguard;
	/** What R metafor reports for τ² (see Tau2Estimate.metaforTau2). */
	metaforTau2: number | null;
	coefficients: Coefficient[];
	/** Covariance matrix of the coefficients (scaled by the residual mean square under Knapp–Hartung). */
	covariance: number[][];
	/** Inverse-variance weights 1/(vi + τ²) of the final fit. */
	weights: number[];
	/** Residual heterogeneity Q_E (common-effect weights), its degrees of freedom k − p and p-value. */
	qe: number;
	qeDf: number;
	qeP: number | null;
	/** metafor's "typical" sampling variance (k − p) / tr(P) used for I², null when k ≤ p. */
	typicalVariance: number | null;
}

/**
 * REML stops when τ² moves by less than this times max(1, τ²): relative for large τ², where an absolute 1e-10 is
 * below rounding; absolute near 0, where scoring approaches a boundary maximum by halving (metafor's own rule is an
 * absolute change below 1e-5, so its τ² is only known to that: 1.4e-6 where the maximum is at 0).
 */
export const REML_TOLERANCE = 1e-10;
/** metafor's default REML stopping threshold (control `threshold`): its τ² is only determined to this. */
export const METAFOR_THRESHOLD = 1e-5;
/**
 * metafor's tolerance of the τ² = 0 check (control `tol`, .Machine$double.eps^0.25): τ² = 0 replaces scoring's
 * answer only when its restricted log-likelihood is higher by more than this.
 */
export const LL0_TOLERANCE = Number.EPSILON ** 0.25;
/** REML gives up (converged: false, last τ² kept) after this many Fisher-scoring steps, as metafor does. */
export const REML_MAX_ITERATIONS = 100;

/**
 * One Fisher-scoring update of τ²: the step is halved while it would make τ² negative (then τ² is set to 0), as
 * metafor does. Shared by the intercept-only and the meta-regression fits.
 */
function scoringStep(tau2: number, proposed: number): number {
	let step = proposed;
	for (let halvings = 0; tau2 + step < 0 && halvings < 1100; halvings++) step /= 2;
	if (tau2 + step < 0) step = -tau2;
	return tau2 + step;
}

type Matrix = number[][];

/** Σ w_i x_i x_iᵀ for rows x_i of X. */
function weightedCross(X: ReadonlyArray<ReadonlyArray<number>>, w: ReadonlyArray<number>, p: number): Matrix {
	const out: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
	X.forEach((row, i) => {
		const wi = w[i] ?? 0;
		for (let a = 0; a < p; a++) {
			const ra = out[a] as number[];
			const xa = (row[a] ?? 0) * wi;
			for (let b = 0; b < p; b++) ra[b] = (ra[b] ?? 0) + xa * (row[b] ?? 0);
		}
	});
	return out;
}

/** Σ w_i x_i y_i. */
function weightedXy(
	X: ReadonlyArray<ReadonlyArray<number>>,
	w: ReadonlyArray<number>,
	y: ReadonlyArray<number>,
	p: number
): number[] {
	const out = new Array<number>(p).fill(0);
	X.forEach((row, i) => {
		const f = (w[i] ?? 0) * (y[i] ?? 0);
		for (let a = 0; a < p; a++) out[a] = (out[a] ?? 0) + f * (row[a] ?? 0);
	});
	return out;
}

/** Inverse of a small symmetric positive-definite matrix by Gauss–Jordan elimination; null when singular. */
function invert(A: Matrix): Matrix | null {
	const p = A.length;
	const m = A.map((row, i) => [...row, ...Array.from({ length: p }, (_, j) => (i === j ? 1 : 0))]);
	const scale = Math.max(...A.map((row, i) => Math.abs(row[i] ?? 0)));
	for (let col = 0; col < p; col++) {
		let pivot = col;
		for (let r = col + 1; r < p; r++)
			if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
		const pivotRow = m[pivot] as number[];
		const pv = pivotRow[col] ?? 0;
		if (!(Math.abs(pv) > 1e-13 * scale)) return null;
		m[pivot] = m[col] as number[];
		m[col] = pivotRow;
		for (let j = 0; j < 2 * p; j++) pivotRow[j] = (pivotRow[j] ?? 0) / pv;
		for (let r = 0; r < p; r++) {
			if (r === col) continue;
			const row = m[r] as number[];
			const f = row[col] ?? 0;
			if (f !== 0) for (let j = 0; j < 2 * p; j++) row[j] = (row[j] ?? 0) - f * (pivotRow[j] ?? 0);
		}
	}
	return m.map((row) => row.slice(p));
}

function matVec(A: Matrix, v: ReadonlyArray<number>): number[] {
	return A.map((row) => row.reduce((s, a, j) => s + a * (v[j] ?? 0), 0));
}

function matMul(A: Matrix, B: Matrix): Matrix {
	return A.map((row) => (B[0] ?? []).map((_, j) => row.reduce((s, a, l) => s + a * (B[l]?.[j] ?? 0), 0)));
}

function trace(A: Matrix): number {
	return A.reduce((s, row, i) => s + (row[i] ?? 0), 0);
}

/** Weighted least-squares coefficients and residuals; null when XᵀWX is singular. */
function weightedFit(
	y: ReadonlyArray<number>,
	X: ReadonlyArray<ReadonlyArray<number>>,
	w: ReadonlyArray<number>,
	p: number
): { inverse: Matrix; beta: number[]; residuals: number[] } | null {
	if (p === 1 && isInterceptOnly(X)) {
		let sw = 0;
		let swy = 0;
		for (let i = 0; i < y.length; i++) {
			sw += w[i] ?? 0;
			swy += (w[i] ?? 0) * (y[i] ?? 0);
		}
		if (!(sw > 0)) return null;
		const mean = (1 / sw) * swy;
		return { inverse: [[1 / sw]], beta: [mean], residuals: y.map((yi) => yi - mean) };
	}
	const inverse = invert(weightedCross(X, w, p));
	if (!inverse) return null;
	const beta = matVec(inverse, weightedXy(X, w, y, p));
	const residuals = y.map((yi, i) => yi - (X[i] ?? []).reduce((s, x, a) => s + x * (beta[a] ?? 0), 0));
	return { inverse, beta, residuals };
}

/** tr(P) with P = W − W X (XᵀWX)⁻¹ XᵀW, from p×p products only. */
function traceP(
	X: ReadonlyArray<ReadonlyArray<number>>,
	w: ReadonlyArray<number>,
	inverse: Matrix,
	p: number
) {
	if (p === 1 && isInterceptOnly(X)) {
		let sw = 0;
		let sw2 = 0;
		for (const x of w) {
			sw += x;
			sw2 += x * x;
		}
		return sw - (inverse[0]?.[0] ?? Number.NaN) * sw2;
	}
	const w2 = w.map((x) => x * x);
	return w.reduce((s, x) => s + x, 0) - trace(matMul(inverse, weightedCross(X, w2, p)));
}

/** True when every yi and X entry is finite and every vi is finite and positive. */
function validInput(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	X: ReadonlyArray<ReadonlyArray<number>>,
	p: number
): boolean {
	return (
		yi.every(Number.isFinite) &&
		vi.every((v) => Number.isFinite(v) && v > 0) &&
		X.every((row) => row.length === p && row.every(Number.isFinite))
	);
}

/** Check array lengths and the level: mismatches are programming errors, so they throw. */
function checkShapes(yi: ReadonlyArray<number>, vi: ReadonlyArray<number>, rows: number, level: number) {
	if (yi.length !== vi.length || yi.length !== rows)
		throw new RangeError(`yi (${yi.length}), vi (${vi.length}) and X (${rows}) must have the same length`);
	if (!(level > 0 && level < 1)) throw new RangeError(`level must be a fraction in (0, 1), got ${level}`);
}

/**
 * Estimate τ² for effects yi with variances vi and design X (metafor's estimators: DL closed form; REML by Fisher
 * scoring from the Hedges estimator, step-halving at the 0 boundary, then checked against the restricted
 * likelihood at τ² = 0 and, for k ≤ GLOBAL_SCAN_MAX_K, over the whole range; a bracketed search when scoring fails);
 * 0 whenever k ≤ p.
 */
export function estimateTau2(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	X: ReadonlyArray<ReadonlyArray<number>>,
	method: Tau2Method,
	tolerance: number = REML_TOLERANCE
): Tau2Estimate {
	const k = yi.length;
	const p = X[0]?.length ?? 0;
	const closed = (tau2: number): Tau2Estimate => ({
		tau2,
		metaforTau2: tau2,
		converged: true,
		iterations: 0,
		safeguard: null
	});
	if (method === 'FE' || k - p < 1) return closed(0);

	if (method === 'DL') {
		const w = vi.map((v) => 1 / v);
		const fit = weightedFit(yi, X, w, p);
		if (!fit) return closed(0);
		const qe = fit.residuals.reduce((s, r, i) => s + (w[i] ?? 0) * r * r, 0);
		const trP = traceP(X, w, fit.inverse, p);
		return closed(trP > 0 ? Math.max(0, (qe - (k - p)) / trP) : 0);
	}

	const ll = (t: number) => remlLogLikelihood(yi, vi, X, t);
	const scoring = fisherScoring(yi, vi, X, tolerance);
	const { iterations } = scoring;
	if (!scoring.converged) {
		const found = bracketedRemlMaximum(ll, remlUpperBound(yi, vi, X, ll), tolerance, -Infinity);
		return {
			tau2: found ?? scoring.tau2,
			metaforTau2: null,
			converged: found !== null,
			iterations,
			safeguard: 'bracketedSearch'
		};
	}
	let tau2 = scoring.tau2;
	let safeguard: RemlSafeguard = null;
	// metafor's ll0check: scoring can stop at a local maximum while the boundary τ² = 0 is higher. Compared with
	// metafor's tolerance, so a τ² that scoring drives towards 0 is not replaced by 0 for a rounding difference.
	if (tau2 > METAFOR_THRESHOLD && ll(0) - ll(tau2) > LL0_TOLERANCE) {
		tau2 = 0;
		safeguard = 'zeroHigher';
	}
	const metaforTau2 = tau2;
	// Scoring can also stop at τ² = 0 (or at an interior local maximum) while another maximum is higher. With few
	// studies, where that happens, scan the whole range; with many the likelihood is well behaved and a scan of
	// every leave-one-out fit would cost more than the fits. The higher maximum is used; it is a caution only when
	// it moves τ² by more than metafor's own stopping threshold (else both answers are the same to metafor).
	if (k <= GLOBAL_SCAN_MAX_K) {
		const found = bracketedRemlMaximum(ll, remlUpperBound(yi, vi, X, ll), tolerance, ll(tau2));
		if (found !== null) {
			if (Math.abs(found - tau2) > METAFOR_THRESHOLD) safeguard = 'higherMaximum';
			tau2 = found;
		}
	}
	return { tau2, metaforTau2, converged: true, iterations, safeguard };
}

/** Where Fisher scoring stopped, whether it converged, and after how many steps. */
type Scoring = Pick<Tau2Estimate, 'tau2' | 'converged' | 'iterations'>;

/** True for the design of plain pooling: one column, all ones (the fast paths below need no matrices). */
function isInterceptOnly(X: ReadonlyArray<ReadonlyArray<number>>): boolean {
	return X.every((row) => row.length === 1 && row[0] === 1);
}

/**
 * fisherScoring for an intercept-only model, in plain sums (the same iterates: tr P = Σw − Σw²/Σw,
 * tr PP = Σw² − 2Σw³/Σw + (Σw²/Σw)²), since pooling, leave-one-out and cumulative fits call it thousands of times.
 */
function interceptFisherScoring(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	tolerance: number
): Scoring {
	const k = yi.length;
	let mean = 0;
	let sumV = 0;
	for (let i = 0; i < k; i++) {
		mean += yi[i] ?? 0;
		sumV += vi[i] ?? 0;
	}
	mean /= k;
	let rss = 0;
	for (let i = 0; i < k; i++) rss += ((yi[i] ?? 0) - mean) ** 2;
	let tau2 = Math.max(0, (rss - (sumV - sumV / k)) / (k - 1));

	for (let iteration = 1; iteration <= REML_MAX_ITERATIONS; iteration++) {
		let sw = 0;
		let swy = 0;
		for (let i = 0; i < k; i++) {
			const w = 1 / ((vi[i] ?? 0) + tau2);
			sw += w;
			swy += w * (yi[i] ?? 0);
		}
		const mu = swy / sw;
		let yPPy = 0;
		for (let i = 0; i < k; i++) {
			const w = 1 / ((vi[i] ?? 0) + tau2);
			yPPy += w * w * ((yi[i] ?? 0) - mu) ** 2;
		}
		// tr P and tr PP as sums of non-negative terms (u = w/Σw): tr P = Σ w(1 − u) and
		// tr PP = Σ w²(1 − u)² + (Σw)²[(Σu²)² − Σu⁴], so a variance ratio of 1e7 cannot make them negative by
		// cancellation (Σw² − 2Σw³/Σw + (Σw²/Σw)² can, and then scoring oscillates).
		let trP = 0;
		let diag = 0;
		let su2 = 0;
		let su4 = 0;
		for (let i = 0; i < k; i++) {
			const w = 1 / ((vi[i] ?? 0) + tau2);
			const u = w / sw;
			trP += w * (1 - u);
			diag += (w * (1 - u)) ** 2;
			su2 += u * u;
			su4 += u ** 4;
		}
		const trPP = diag + sw * sw * Math.max(0, su2 * su2 - su4);
		if (!(trPP > 0)) return { tau2, converged: false, iterations: iteration };
		const next = scoringStep(tau2, (yPPy - trP) / trPP);
		if (!Number.isFinite(next)) return { tau2, converged: false, iterations: iteration };
		const change = Math.abs(next - tau2);
		tau2 = next;
		if (change < tolerance * Math.max(1, tau2)) return { tau2, converged: true, iterations: iteration };
	}
	return { tau2, converged: false, iterations: REML_MAX_ITERATIONS };
}

/** remlLogLikelihood for an intercept-only model: |XᵀX| = k and |XᵀWX| = Σw. */
function interceptLogLikelihood(yi: ReadonlyArray<number>, vi: ReadonlyArray<number>, tau2: number): number {
	const k = yi.length;
	let sw = 0;
	let swy = 0;
	let logDetV = 0;
	for (let i = 0; i < k; i++) {
		const v = (vi[i] ?? 0) + tau2;
		sw += 1 / v;
		swy += (yi[i] ?? 0) / v;
		logDetV += Math.log(v);
	}
	const mu = swy / sw;
	let rss = 0;
	for (let i = 0; i < k; i++) rss += ((yi[i] ?? 0) - mu) ** 2 / ((vi[i] ?? 0) + tau2);
	return -0.5 * ((k - 1) * Math.log(2 * Math.PI) - Math.log(k) + logDetV + Math.log(sw) + rss);
}

/** REML by Fisher scoring from the Hedges estimator, step-halving at the 0 boundary, as metafor does. */
function fisherScoring(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	X: ReadonlyArray<ReadonlyArray<number>>,
	tolerance: number
): Scoring {
	if (isInterceptOnly(X)) return interceptFisherScoring(yi, vi, tolerance);
	const k = yi.length;
	const p = X[0]?.length ?? 0;
	// Hedges (HE) start: ordinary least squares, τ² = (RSS − tr((I − H) V)) / (k − p).
	const ones = vi.map(() => 1);
	const ols = weightedFit(yi, X, ones, p);
	if (!ols) return { tau2: 0, converged: false, iterations: 0 };
	const rss = ols.residuals.reduce((s, r) => s + r * r, 0);
	const trIHV = vi.reduce((s, v) => s + v, 0) - trace(matMul(ols.inverse, weightedCross(X, vi, p)));
	let tau2 = Math.max(0, (rss - trIHV) / (k - p));

	for (let iteration = 1; iteration <= REML_MAX_ITERATIONS; iteration++) {
		const w = vi.map((v) => 1 / (v + tau2));
		const fit = weightedFit(yi, X, w, p);
		if (!fit) return { tau2, converged: false, iterations: iteration };
		const w2 = w.map((x) => x * x);
		const w3 = w2.map((x, i) => x * (w[i] ?? 0));
		const b2 = weightedCross(X, w2, p);
		const trP = w.reduce((s, x) => s + x, 0) - trace(matMul(fit.inverse, b2));
		const ib2 = matMul(fit.inverse, b2);
		const trPP =
			w2.reduce((s, x) => s + x, 0) -
			2 * trace(matMul(fit.inverse, weightedCross(X, w3, p))) +
			trace(matMul(ib2, ib2));
		// Yᵀ P P Y = Σ w_i² r_i², since P y = W r.
		const yPPy = fit.residuals.reduce((s, r, i) => s + (w2[i] ?? 0) * r * r, 0);
		if (!(trPP > 0)) return { tau2, converged: false, iterations: iteration };
		const next = scoringStep(tau2, (yPPy - trP) / trPP);
		if (!Number.isFinite(next)) return { tau2, converged: false, iterations: iteration };
		const change = Math.abs(next - tau2);
		tau2 = next;
		if (change < tolerance * Math.max(1, tau2)) return { tau2, converged: true, iterations: iteration };
	}
	return { tau2, converged: false, iterations: REML_MAX_ITERATIONS };
}

/** log det of a small symmetric positive-definite matrix by Cholesky; NaN when it is not positive definite. */
function logDeterminant(A: Matrix): number {
	const p = A.length;
	const L: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
	let logDet = 0;
	for (let j = 0; j < p; j++) {
		const Lj = L[j] as number[];
		let d = A[j]?.[j] ?? Number.NaN;
		for (let m = 0; m < j; m++) d -= (Lj[m] ?? 0) ** 2;
		if (!(d > 0)) return Number.NaN;
		const djj = Math.sqrt(d);
		Lj[j] = djj;
		logDet += 2 * Math.log(djj);
		for (let i = j + 1; i < p; i++) {
			const Li = L[i] as number[];
			let s = A[i]?.[j] ?? Number.NaN;
			for (let m = 0; m < j; m++) s -= (Li[m] ?? 0) * (Lj[m] ?? 0);
			Li[j] = s / djj;
		}
	}
	return logDet;
}

/**
 * The restricted (REML) log-likelihood at τ², as metafor's logLik(fit, REML = TRUE) computes it:
 * −½[(k − p) log 2π − log|XᵀX| + Σ log(vi + τ²) + log|XᵀWX| + Σ wᵢ rᵢ²], W = diag 1/(vi + τ²).
 * NaN when XᵀWX is singular.
 */
export function remlLogLikelihood(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	X: ReadonlyArray<ReadonlyArray<number>>,
	tau2: number
): number {
	if (isInterceptOnly(X)) return interceptLogLikelihood(yi, vi, tau2);
	const k = yi.length;
	const p = X[0]?.length ?? 0;
	const w = vi.map((v) => 1 / (v + tau2));
	const fit = weightedFit(yi, X, w, p);
	if (!fit) return Number.NaN;
	const rss = fit.residuals.reduce((s, r, i) => s + (w[i] ?? 0) * r * r, 0);
	const logDetV = vi.reduce((s, v) => s + Math.log(v + tau2), 0);
	const logDetXWX = logDeterminant(weightedCross(X, w, p));
	const logDetXX = logDeterminant(weightedCross(X, ones(k), p));
	return -0.5 * ((k - p) * Math.log(2 * Math.PI) - logDetXX + logDetV + logDetXWX + rss);
}

const ones = (k: number): number[] => new Array<number>(k).fill(1);

/** Points of the coarse, geometrically spaced scan of the bracketed search (plus τ² = 0). */
const SCAN_POINTS = 48;
/** Fits with at most this many studies scan the whole τ² range for a higher maximum than scoring found. */
export const GLOBAL_SCAN_MAX_K = 100;
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * An upper end for the τ² search: four times the OLS residual variance plus the largest sampling variance (REML's
 * τ² sits well below it), doubled while the likelihood still rises there.
 */
function remlUpperBound(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	X: ReadonlyArray<ReadonlyArray<number>>,
	ll: (t: number) => number
): number {
	const p = X[0]?.length ?? 0;
	const ols = weightedFit(yi, X, ones(yi.length), p);
	const rss = ols ? ols.residuals.reduce((s, r) => s + r * r, 0) : 0;
	const largest = vi.reduce((m, v) => Math.max(m, v), 0);
	let upper = 4 * (rss / Math.max(1, yi.length - p) + largest);
	for (let doubling = 0; doubling < 60 && ll(upper) > ll(upper / 2); doubling++) upper *= 2;
	return upper;
}

/**
 * Maximise the restricted log-likelihood `ll` over τ² ∈ [0, upper] without derivatives: a coarse scan (0 and
 * geometrically spaced points), then golden-section search between the best point's neighbours. Returns the
 * maximiser when it beats `incumbent` by more than rounding, else null (also when `ll` cannot be evaluated).
 */
function bracketedRemlMaximum(
	ll: (t: number) => number,
	upper: number,
	tolerance: number,
	incumbent: number
): number | null {
	const smallest = upper * 1e-10;
	const grid = [
		0,
		...Array.from({ length: SCAN_POINTS }, (_, i) => smallest * (upper / smallest) ** (i / (SCAN_POINTS - 1)))
	];
	const values = grid.map(ll);
	if (values.some((v) => Number.isNaN(v))) return null;
	let best = 0;
	values.forEach((v, i) => {
		if (v > (values[best] ?? -Infinity)) best = i;
	});
	const margin = 1e-9 * Math.max(1, Math.abs(incumbent));
	if (!((values[best] ?? -Infinity) > incumbent + margin) && incumbent > -Infinity) {
		// The scan found nothing higher; refine only when there is no incumbent.
		return null;
	}
	let lo = grid[Math.max(0, best - 1)] ?? 0;
	let hi = grid[Math.min(grid.length - 1, best + 1)] ?? upper;
	let x1 = hi - GOLDEN * (hi - lo);
	let x2 = lo + GOLDEN * (hi - lo);
	let f1 = ll(x1);
	let f2 = ll(x2);
	for (let i = 0; i < 200 && hi - lo > Math.max(tolerance * 1e-2, 1e-15 * hi); i++) {
		if (f1 >= f2) {
			hi = x2;
			x2 = x1;
			f2 = f1;
			x1 = hi - GOLDEN * (hi - lo);
			f1 = ll(x1);
		} else {
			lo = x1;
			x1 = x2;
			f1 = f2;
			x2 = lo + GOLDEN * (hi - lo);
			f2 = ll(x2);
		}
	}
	const candidates = [grid[best] ?? 0, lo, x1, x2, hi];
	return candidates.reduce((a, b) => (ll(b) > ll(a) ? b : a));
}

/**
 * Fit a (meta-)regression of yi on the columns of X (include a column of ones for an intercept); null when there
 * is nothing to fit (no rows, fewer rows than columns, a non-finite value, a variance ≤ 0, or collinear columns).
 */
export function metaRegression(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	X: ReadonlyArray<ReadonlyArray<number>>,
	options: FitOptions
): MetaRegression | null {
	const level = options.level ?? 0.95;
	checkShapes(yi, vi, X.length, level);
	const k = yi.length;
	const p = X[0]?.length ?? 0;
	if (k === 0 || p === 0 || k < p || !validInput(yi, vi, X, p)) return null;

	const commonWeights = vi.map((v) => 1 / v);
	const common = weightedFit(yi, X, commonWeights, p);
	if (!common) return null;
	const qe = common.residuals.reduce((s, r, i) => s + (commonWeights[i] ?? 0) * r * r, 0);
	const qeDf = k - p;
	const trP = traceP(X, commonWeights, common.inverse, p);

	const { tau2, metaforTau2, converged, iterations, safeguard } = estimateTau2(
		yi,
		vi,
		X,
		options.method,
		options.remlTolerance
	);
	const weights = vi.map((v) => 1 / (v + tau2));
	const fit = weightedFit(yi, X, weights, p);
	if (!fit) return null;

	const hkDropped = (options.hk ?? false) && qeDf < 1;
	const hk = (options.hk ?? false) && !hkDropped;
	const df = hk ? qeDf : null;
	// Knapp–Hartung without truncation (metafor "knha"): s² = Σ w r² / (k − p) multiplies (XᵀWX)⁻¹.
	const scale = hk ? fit.residuals.reduce((s, r, i) => s + (weights[i] ?? 0) * r * r, 0) / qeDf : 1;
	const upper = 1 - (1 - level) / 2;
	const crit = df === null ? normalQuantile(upper) : tQuantile(upper, df);
	const coefficients = fit.beta.map((estimate, a): Coefficient => {
		const se = Math.sqrt(scale * (fit.inverse[a]?.[a] ?? Number.NaN));
		const statistic = estimate / se;
		return {
			estimate,
			se,
			statistic,
			pValue: df === null ? normalTwoSidedP(statistic) : tTwoSidedP(statistic, df),
			ciLow: estimate - crit * se,
			ciHigh: estimate + crit * se
		};
	});

	return {
		method: options.method,
		hk,
		hkDropped,
		level,
		k,
		p,
		df,
		tau2,
		converged,
		iterations,
		safeguard,
		metaforTau2,
		coefficients,
		covariance: fit.inverse.map((row) => row.map((x) => scale * x)),
		weights,
		qe,
		qeDf,
		qeP: qeDf >= 1 ? chiSquareUpperTail(qe, qeDf) : null,
		typicalVariance: qeDf >= 1 && trP > 0 ? qeDf / trP : null
	};
}

/** metafor's omnibus test of moderators: QM (χ², m df) or, under Knapp–Hartung, F = QM/m on (m, k − p) df. */
export interface WaldTest {
	/** QM, or the F statistic under Knapp–Hartung. */
	statistic: number;
	/** Number of coefficients tested (m). */
	df: number;
	/** Denominator degrees of freedom of the F test (k − p), null for the χ² test. */
	dfResidual: number | null;
	pValue: number;
}

/**
 * Test that the coefficients at `columns` (e.g. every column but the intercept) are all 0, as metafor's `QM`
 * (`btt`): QM = bᵀ V⁻¹ b with V their covariance; null when that covariance is singular.
 */
export function waldTest(fit: MetaRegression, columns: ReadonlyArray<number>): WaldTest | null {
	const b = columns.map((c) => fit.coefficients[c]?.estimate ?? Number.NaN);
	const inverse = invert(columns.map((r) => columns.map((c) => fit.covariance[r]?.[c] ?? Number.NaN)));
	if (!inverse || columns.length === 0) return null;
	const qm = b.reduce((s, x, i) => s + x * (matVec(inverse, b)[i] ?? 0), 0);
	const m = columns.length;
	if (fit.df === null) return { statistic: qm, df: m, dfResidual: null, pValue: chiSquareUpperTail(qm, m) };
	const f = qm / m;
	return { statistic: f, df: m, dfResidual: fit.df, pValue: fUpperTail(f, m, fit.df) };
}

/**
 * The generalised Q statistic at τ²: Σ wᵢ rᵢ² with w = 1/(vi + τ²) and r the weighted least-squares residuals
 * (YᵀPY, metafor's `.QE.func`); NaN when XᵀWX is singular. Decreasing in τ²; at τ² = 0 it is Cochran's Q.
 */
export function generalizedQ(
	yi: ReadonlyArray<number>,
	vi: ReadonlyArray<number>,
	X: ReadonlyArray<ReadonlyArray<number>>,
	tau2: number
): number {
	const p = X[0]?.length ?? 0;
	const w = vi.map((v) => 1 / (v + tau2));
	const fit = weightedFit(yi, X, w, p);
	if (!fit) return Number.NaN;
	return fit.residuals.reduce((s, r, i) => s + (w[i] ?? 0) * r * r, 0);
}
