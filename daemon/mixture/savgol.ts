/**
 * Savitzky–Golay smoothing with the semantics of scipy.signal.savgol_filter(x, window, order)
 * (deriv 0, mode 'interp'), which is what the reference applies to each domain's loss history:
 *   - interior points: the least-squares polynomial of degree `order` over the window centred on
 *     the point, evaluated at the centre;
 *   - the first and last ⌊window/2⌋ points: the polynomial fitted to the first (last) `window`
 *     samples, evaluated at the point. Zero or mirror padding would bend the edges instead.
 *
 * Each output is a fixed linear combination of `window` inputs, so the smoother can evaluate only
 * the indices a refit needs (every `subsample`-th step) instead of the whole history.
 */
export class SavitzkyGolay {
  readonly halfWindow: number;
  /** weights[(p + h)·window + (j + h)]: weight of sample j (−h..h, relative to the window centre)
   *  in the polynomial's value at offset p (−h..h). */
  private readonly weights: Float64Array;

  constructor(readonly window: number, readonly order: number) {
    if (!Number.isInteger(window) || window % 2 === 0 || window < 3) throw new Error(`savgol window must be an odd integer ≥ 3, got ${window}`);
    if (!Number.isInteger(order) || order < 0 || order >= window) throw new Error(`savgol order must be an integer in [0, window), got ${order}`);
    this.halfWindow = (window - 1) / 2;
    this.weights = polynomialFitWeights(this.halfWindow, order);
  }

  /** The smoothed value at index `i` of the series `x[0..length)`; needs `length ≥ window`. */
  at(x: ArrayLike<number>, length: number, i: number): number {
    if (length < this.window) throw new Error(`savgol needs at least ${this.window} samples, got ${length}`);
    const h = this.halfWindow;
    const centre = Math.min(Math.max(i, h), length - 1 - h);
    const row = (i - centre + h) * this.window;
    let sum = 0;
    for (let j = 0; j < this.window; j++) sum += this.weights[row + j] * x[centre - h + j];
    return sum;
  }

  /** The whole smoothed series (scipy's savgol_filter output). */
  filter(x: ArrayLike<number>): Float64Array {
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = this.at(x, x.length, i);
    return out;
  }
}

/**
 * Weights W[p][j] such that Σ_j W[p][j]·y_j is the least-squares polynomial of degree `order`
 * through the points (j, y_j), j = −h..h, evaluated at p. The abscissa is scaled to u = j/h ∈ [−1, 1]
 * so that the normal equations stay well conditioned for wide windows.
 */
function polynomialFitWeights(h: number, order: number): Float64Array {
  const window = 2 * h + 1;
  const terms = order + 1;
  const basis = new Float64Array(window * terms);
  for (let j = 0; j < window; j++) {
    const u = (j - h) / h;
    for (let q = 0, power = 1; q < terms; q++, power *= u) basis[j * terms + q] = power;
  }
  const gram = new Float64Array(terms * terms);
  for (let j = 0; j < window; j++) {
    for (let q = 0; q < terms; q++) for (let r = 0; r < terms; r++) gram[q * terms + r] += basis[j * terms + q] * basis[j * terms + r];
  }
  const inverse = invertSymmetricPositive(gram, terms);
  const weights = new Float64Array(window * window);
  const projected = new Float64Array(terms);
  for (let p = 0; p < window; p++) {
    for (let r = 0; r < terms; r++) {
      let sum = 0;
      for (let q = 0; q < terms; q++) sum += basis[p * terms + q] * inverse[q * terms + r];
      projected[r] = sum;
    }
    for (let j = 0; j < window; j++) {
      let sum = 0;
      for (let r = 0; r < terms; r++) sum += projected[r] * basis[j * terms + r];
      weights[p * window + j] = sum;
    }
  }
  return weights;
}

/** Inverse of a small symmetric positive-definite matrix (row-major, size m×m) by Cholesky. */
function invertSymmetricPositive(a: Float64Array, m: number): Float64Array {
  const lower = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * m + j];
      for (let k = 0; k < j; k++) sum -= lower[i * m + k] * lower[j * m + k];
      lower[i * m + j] = i === j ? Math.sqrt(sum) : sum / lower[j * m + j];
    }
  }
  const inverse = new Float64Array(m * m);
  const column = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    // Solve L·Lᵀ·x = e_c by forward then backward substitution.
    for (let i = 0; i < m; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= lower[i * m + k] * column[k];
      column[i] = sum / lower[i * m + i];
    }
    for (let i = m - 1; i >= 0; i--) {
      let sum = column[i];
      for (let k = i + 1; k < m; k++) sum -= lower[k * m + i] * column[k];
      column[i] = sum / lower[i * m + i];
    }
    for (let i = 0; i < m; i++) inverse[i * m + c] = column[i];
  }
  return inverse;
}
