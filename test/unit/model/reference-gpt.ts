/**
 * A plain-JavaScript (float64) forward pass of the GPT, written from the math rather than from
 * daemon/model, to check the tensor code against: same parameters, per-sample mean token loss.
 */
export type Matrix = number[][];

export interface ReferenceWeights {
  get(name: string): { values: Float32Array; shape: number[] };
}

export interface ReferenceShape {
  layers: number;
  heads: number;
}

export function referencePerSampleLoss(weights: ReferenceWeights, shape: ReferenceShape, inputs: number[][], targets: number[][]): number[] {
  const matrix = (name: string): Matrix => {
    const { values, shape: [rows, columns] } = weights.get(name);
    return Array.from({ length: rows }, (_, r) => Array.from(values.subarray(r * columns, (r + 1) * columns)));
  };
  const vector = (name: string): number[] => Array.from(weights.get(name).values);
  const wte = matrix('wte');
  const wpe = matrix('wpe');
  return inputs.map((sequence, b) => {
    let x = sequence.map((token, t) => add(wte[token], wpe[t]));
    for (let i = 0; i < shape.layers; i++) {
      const attention = causalAttention(
        layerNorm(x, vector(`h.${i}.ln1.gain`), vector(`h.${i}.ln1.bias`)),
        shape.heads,
        (h) => linear(h, matrix(`h.${i}.attn.query.weight`), vector(`h.${i}.attn.query.bias`)),
        (h) => linear(h, matrix(`h.${i}.attn.key.weight`), vector(`h.${i}.attn.key.bias`)),
        (h) => linear(h, matrix(`h.${i}.attn.value.weight`), vector(`h.${i}.attn.value.bias`)),
      );
      x = x.map((row, t) => add(row, linear([attention[t]], matrix(`h.${i}.attn.out.weight`), vector(`h.${i}.attn.out.bias`))[0]));
      const normed = layerNorm(x, vector(`h.${i}.ln2.gain`), vector(`h.${i}.ln2.bias`));
      const hidden = linear(normed, matrix(`h.${i}.mlp.fc.weight`), vector(`h.${i}.mlp.fc.bias`)).map((row) => row.map(gelu));
      const mlp = linear(hidden, matrix(`h.${i}.mlp.proj.weight`), vector(`h.${i}.mlp.proj.bias`));
      x = x.map((row, t) => add(row, mlp[t]));
    }
    const final = layerNorm(x, vector('lnf.gain'), vector('lnf.bias'));
    const losses = final.map((row, t) => {
      const logits = wte.map((embedding) => dot(row, embedding));
      const max = Math.max(...logits);
      const logSumExp = max + Math.log(logits.reduce((s, l) => s + Math.exp(l - max), 0));
      return logSumExp - logits[targets[b][t]];
    });
    return losses.reduce((a, c) => a + c, 0) / losses.length;
  });
}

function causalAttention(x: Matrix, heads: number, query: (x: Matrix) => Matrix, key: (x: Matrix) => Matrix, value: (x: Matrix) => Matrix): Matrix {
  const q = query(x);
  const k = key(x);
  const v = value(x);
  const width = q[0].length / heads;
  return q.map((_, t) => {
    const out: number[] = [];
    for (let h = 0; h < heads; h++) {
      const slice = (row: number[]) => row.slice(h * width, (h + 1) * width);
      const scores = k.slice(0, t + 1).map((kRow) => dot(slice(q[t]), slice(kRow)) / Math.sqrt(width));
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const total = exps.reduce((a, c) => a + c, 0);
      const mixed = new Array<number>(width).fill(0);
      exps.forEach((e, j) => slice(v[j]).forEach((value, d) => (mixed[d] += (e / total) * value)));
      out.push(...mixed);
    }
    return out;
  });
}

function layerNorm(x: Matrix, gain: number[], bias: number[]): Matrix {
  return x.map((row) => {
    const mean = row.reduce((a, c) => a + c, 0) / row.length;
    const variance = row.reduce((a, c) => a + (c - mean) ** 2, 0) / row.length;
    return row.map((v, i) => ((v - mean) / Math.sqrt(variance + 1e-5)) * gain[i] + bias[i]);
  });
}

function linear(x: Matrix, weight: Matrix, bias: number[]): Matrix {
  return x.map((row) => bias.map((b, j) => b + row.reduce((sum, v, i) => sum + v * weight[i][j], 0)));
}

function gelu(x: number): number {
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
}

function add(a: number[], b: number[]): number[] {
  return a.map((v, i) => v + b[i]);
}

function dot(a: number[], b: number[]): number {
  return a.reduce((sum, v, i) => sum + v * b[i], 0);
}
