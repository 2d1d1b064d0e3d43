/**
 * Probability distributions for the meta-analysis: normal, Student t and chi-square, written out here so the
 * page needs no statistics library. Everything rests on two special functions, the regularised incomplete
 * gamma and beta functions (series and Lentz continued fractions), and is accurate to about 1e-14 relative
 * in both tails. Arguments outside a distribution's domain give NaN, as R does.
 */

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 100_000;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Natural logarithm of the gamma function for x > 0 (Stirling series after shifting x above 10). */
export function logGamma(x: number): number {
	if (!(x > 0)) return Number.NaN;
	if (x === Infinity) return Infinity;
	let shift = 0;
	let z = x;
	// Γ(x) = Γ(x + n) / (x (x+1) … (x+n-1)); the product is kept as a sum of logs to avoid overflow.
	while (z < 10) {
		shift += Math.log(z);
		z += 1;
	}
	const inv = 1 / z;
	const inv2 = inv * inv;
	// Bernoulli terms B2n / (2n (2n-1) z^(2n-1)), n = 1…7; the next term is below 3e-17 for z ≥ 10.
	const series =
		inv *
		(1 / 12 +
			inv2 *
				(-1 / 360 +
					inv2 *
						(1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156)))))));
	return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series - shift;
}

/** Natural logarithm of the beta function B(a, b) for a, b > 0. */
export function logBeta(a: number, b: number): number {
	return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Lower and upper regularised incomplete gamma, computed together so the smaller one keeps its precision. */
function incompleteGamma(a: number, x: number): { lower: number; upper: number } {
	if (!(a > 0) || !(x >= 0) || Number.isNaN(x)) return { lower: Number.NaN, upper: Number.NaN };
	if (x === 0) return { lower: 0, upper: 1 };
	if (x === Infinity) return { lower: 1, upper: 0 };
	const logPrefactor = -x + a * Math.log(x) - logGamma(a);
	if (x < a + 1) {
		// Series: P(a, x) = e^-x x^a / Γ(a+1) · Σ x^n / ((a+1)…(a+n)).
		let term = 1 / a;
		let sum = term;
		let ap = a;
		for (let n = 0; n < MAX_TERMS; n++) {
			ap += 1;
			term *= x / ap;
			sum += term;
			if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
		}
		const lower = Math.min(1, sum * Math.exp(logPrefactor));
		return { lower, upper: 1 - lower };
	}
	// Continued fraction for Q(a, x) (modified Lentz).
	let b = x + 1 - a;
	let c = 1 / TINY;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < MAX_TERMS; i++) {
		const an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < TINY) d = TINY;
		c = b + an / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < EPSILON) break;
	}
	const upper = Math.min(1, Math.exp(logPrefactor) * h);
	return { lower: 1 - upper, upper };
}

/** Regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a). */
export function regularizedGammaP(a: number, x: number): number {
	return incompleteGamma(a, x).lower;
}

/** Regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x), accurate when it is tiny. */
export function regularizedGammaQ(a: number, x: number): number {
	return incompleteGamma(a, x).upper;
}

/** Continued fraction of the incomplete beta function (modified Lentz), valid for x < (a+1)/(a+b+2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
	const qab = a + b;
	const qap = a + 1;
	const qam = a - 1;
	let c = 1;
	let d = 1 - (qab * x) / qap;
	if (Math.abs(d) < TINY) d = TINY;
	d = 1 / d;
	let h = d;
	for (let m = 1; m < MAX_TERMS; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < EPSILON) break;
	}
	return h;
}

/**
 * Regularised incomplete beta function I_x(a, b); pass `xc` = 1 − x when it is known more precisely than
 * `1 - x` (the t distribution near zero needs it).
 */
export function regularizedBeta(x: number, a: number, b: number, xc: number = 1 - x): number {
	if (!(a > 0) || !(b > 0) || Number.isNaN(x) || x < 0 || x > 1) return Number.NaN;
	if (x === 0) return 0;
	if (xc === 0) return 1;
	const logFront = a * Math.log(x) + b * Math.log(xc) - logBeta(a, b);
	if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
	return 1 - (Math.exp(logFront) * betaContinuedFraction(xc, b, a)) / b;
}

/** Standard normal cumulative distribution function Φ(x). */
export function normalCdf(x: number): number {
	if (Number.isNaN(x)) return Number.NaN;
	// Φ(x) = ½ erfc(−x/√2) and erfc(u) = Q(½, u²) for u ≥ 0.
	const tail = 0.5 * regularizedGammaQ(0.5, 0.5 * x * x);
	return x < 0 ? tail : 1 - tail;
}

/** Upper tail of the standard normal, 1 − Φ(x), without cancellation for large x. */
export function normalUpperTail(x: number): number {
	return normalCdf(-x);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
	return Math.exp(-0.5 * x * x - HALF_LOG_TWO_PI);
}

/** Two-sided p-value of a z statistic, 2·(1 − Φ(|z|)). */
export function normalTwoSidedP(z: number): number {
	return Number.isNaN(z) ? Number.NaN : 2 * normalCdf(-Math.abs(z));
}

// Acklam's rational approximation (relative error < 1.2e-9), refined below by Halley steps.
const ACKLAM_A = [
	-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
	2.506628277459239
] as const;
const ACKLAM_B = [
	-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1
] as const;
const ACKLAM_C = [
	-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
	2.938163982698783
] as const;
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;

/** First guess at Φ⁻¹(p) for 0 < p ≤ 0.5. */
function acklamLower(p: number): number {
	const [a0, a1, a2, a3, a4, a5] = ACKLAM_A;
	const [b0, b1, b2, b3, b4] = ACKLAM_B;
	const [c0, c1, c2, c3, c4, c5] = ACKLAM_C;
	const [d0, d1, d2, d3] = ACKLAM_D;
	if (p < 0.02425) {
		const q = Math.sqrt(-2 * Math.log(p));
		return (
			(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
			((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
		);
	}
	const q = p - 0.5;
	const r = q * q;
	return (
		((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
		(((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
	);
}

/** Standard normal quantile Φ⁻¹(p); −Infinity at 0, Infinity at 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
	if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	if (p === 0.5) return 0;
	// 1 − p is exact for p ≥ ½, so the lower tail (where Φ keeps relative precision) is all we solve.
	if (p > 0.5) return -normalQuantile(1 - p);
	let x = acklamLower(p);
	for (let i = 0; i < 3; i++) {
		const e = normalCdf(x) - p;
		const u = e / normalPdf(x);
		const step = u / (1 + 0.5 * x * u);
		x -= step;
		if (Math.abs(step) <= 1e-15 * Math.abs(x)) break;
	}
	return x;
}

/** Student t cumulative distribution function with `df` > 0 degrees of freedom (Infinity gives the normal). */
export function tCdf(t: number, df: number): number {
	if (Number.isNaN(t) || Number.isNaN(df) || !(df > 0)) return Number.NaN;
	if (df === Infinity) return normalCdf(t);
	if (t === 0) return 0.5;
	const u = (t * t) / df;
	// P(|T| > |t|) = I_x(df/2, 1/2) with x = df/(df+t²); both x and 1−x are formed without cancellation.
	const tail = u === Infinity ? 0 : 0.5 * regularizedBeta(1 / (1 + u), df / 2, 0.5, u / (1 + u));
	return t < 0 ? tail : 1 - tail;
}

/** Upper tail of the Student t distribution, P(T > t). */
export function tUpperTail(t: number, df: number): number {
	return tCdf(-t, df);
}

/** Student t density with `df` degrees of freedom. */
export function tPdf(t: number, df: number): number {
	if (df === Infinity) return normalPdf(t);
	return Math.exp(-0.5 * (df + 1) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - logBeta(df / 2, 0.5));
}

/** Two-sided p-value of a t statistic, 2·P(T > |t|). */
export function tTwoSidedP(t: number, df: number): number {
	return Number.isNaN(t) ? Number.NaN : 2 * tCdf(-Math.abs(t), df);
}

/** Student t quantile for probability p and `df` > 0 degrees of freedom. */
export function tQuantile(p: number, df: number): number {
	if (Number.isNaN(p) || Number.isNaN(df) || p < 0 || p > 1 || !(df > 0)) return Number.NaN;
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	if (p === 0.5) return 0;
	if (df === Infinity) return normalQuantile(p);
	if (p > 0.5) return -tQuantile(1 - p, df);
	// Closed forms for 1 and 2 degrees of freedom.
	if (df === 1) return -1 / Math.tan(Math.PI * p);
	if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
	// Cornish–Fisher start, then Newton steps kept inside a bracket [lo, hi] with F(lo) ≤ p ≤ F(hi).
	const z = normalQuantile(p);
	const z3 = z * z * z;
	let t = z + (z3 + z) / (4 * df) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96 * df * df);
	if (!(t < 0) || !Number.isFinite(t)) t = z;
	let hi = 0;
	let lo = t;
	for (let i = 0; i < 2000 && tCdf(lo, df) > p; i++) {
		hi = lo;
		lo *= 2;
	}
	t = Math.min(Math.max(t, lo), hi);
	for (let i = 0; i < 200; i++) {
		const f = tCdf(t, df);
		if (f === p) break;
		if (f < p) lo = t;
		else hi = t;
		let next = t - (f - p) / tPdf(t, df);
		if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
		const step = Math.abs(next - t);
		t = next;
		if (step <= 4e-16 * Math.abs(t) || hi - lo <= 4e-16 * Math.abs(t)) break;
	}
	return t;
}

/** Chi-square cumulative distribution function with `df` > 0 degrees of freedom. */
export function chiSquareCdf(x: number, df: number): number {
	if (!(df > 0) || Number.isNaN(x)) return Number.NaN;
	if (x <= 0) return 0;
	return regularizedGammaP(df / 2, x / 2);
}

/** Upper tail of the chi-square distribution, P(X > x): the p-value of a Q statistic. */
export function chiSquareUpperTail(x: number, df: number): number {
	if (!(df > 0) || Number.isNaN(x)) return Number.NaN;
	if (x <= 0) return 1;
	return regularizedGammaQ(df / 2, x / 2);
}

/** Upper tail of the F distribution with (df1, df2) degrees of freedom, P(X > f): the p-value of an F test. */
export function fUpperTail(f: number, df1: number, df2: number): number {
	if (!(df1 > 0) || !(df2 > 0) || Number.isNaN(f)) return Number.NaN;
	if (f <= 0) return 1;
	const denominator = df2 + df1 * f;
	return regularizedBeta(df2 / denominator, df2 / 2, df1 / 2, (df1 * f) / denominator);
}
