import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lbfgs } from '../../../daemon/mixture/lbfgs';
import { ZoomLineSearch } from '../../../daemon/mixture/line-search';
import type { ValueAndGradient } from '../../../daemon/mixture/scaling-law';

/** The n-dimensional Rosenbrock function, minimum 0 at (1, …, 1). */
const rosenbrock: ValueAndGradient = (x, g) => {
  let value = 0;
  g.fill(0);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = 1 - x[i];
    const b = x[i + 1] - x[i] * x[i];
    value += a * a + 100 * b * b;
    g[i] += -2 * a - 400 * x[i] * b;
    g[i + 1] += 200 * b;
  }
  return value;
};

test('L-BFGS reaches the Rosenbrock minimum and stops on the gradient tolerance', () => {
  const x = Float64Array.from([-1.2, 1, -0.5]);
  const result = new Lbfgs(3, { maxIterations: 500, tolerance: 1e-8 }).minimize(rosenbrock, x);
  assert.ok(result.gradientNorm <= 1e-8, `‖∇f‖ = ${result.gradientNorm}`);
  assert.ok(result.iterations < 200, `${result.iterations} iterations`);
  x.forEach((v) => assert.ok(Math.abs(v - 1) < 1e-6, `x = ${Array.from(x)}`));
});

test('L-BFGS stops after maxIterations, and runs one iteration even from a stationary point', () => {
  const x = Float64Array.from([-1.2, 1]);
  assert.equal(new Lbfgs(2, { maxIterations: 3, tolerance: 0 }).minimize(rosenbrock, x).iterations, 3);
  const atMinimum = Float64Array.from([1, 1]);
  assert.equal(new Lbfgs(2, { maxIterations: 10, tolerance: 1e-5 }).minimize(rosenbrock, atMinimum).iterations, 1);
});

test('the zoom line search returns a step meeting the strong Wolfe conditions on a smooth function', () => {
  const x = Float64Array.from([-1.2, 1]);
  const gradient = new Float64Array(2);
  const value = rosenbrock(x, gradient);
  const direction = Float64Array.from(gradient, (g) => -g);
  const slope0 = gradient[0] * direction[0] + gradient[1] * direction[1];
  const start = Float64Array.from(x);
  const { stepsize, value: newValue } = new ZoomLineSearch(2, { maxSteps: 30, maxStepsize: 1 }).search(rosenbrock, x, value, gradient, direction, 1);
  const slope = gradient[0] * direction[0] + gradient[1] * direction[1];
  assert.ok(newValue <= value + 1e-4 * stepsize * slope0, 'sufficient decrease');
  assert.ok(Math.abs(slope) <= 0.9 * Math.abs(slope0), 'curvature');
  x.forEach((v, i) => assert.ok(Math.abs(v - (start[i] + stepsize * direction[i])) < 1e-12, 'x moved to the accepted step'));
});
