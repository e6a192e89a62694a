/**
 * Loading one tfjs backend and saying plainly why it did not load. tfjs itself only returns
 * `false` from setBackend and logs the cause, then silently stays on whatever backend it had,
 * so every attempt here checks the result and captures that log line as the reason.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as cpu from '@tensorflow/tfjs-backend-cpu';
import * as wasm from '@tensorflow/tfjs-backend-wasm';

export type ConcreteBackend = 'tensorflow' | 'wasm' | 'cpu';

/** The order "auto" tries: fastest first. */
export const AUTO_ORDER: readonly ConcreteBackend[] = ['tensorflow', 'wasm', 'cpu'];

export interface BackendFacts {
  /** True only when a GPU really runs the kernels. */
  gpu: boolean;
  version: string;
  simd?: boolean;
  threads?: number;
  /** One line for logs and the run's meta event. */
  detail: string;
  warnings: string[];
}

export type LoadResult =
  | ({ ok: true; name: ConcreteBackend } & BackendFacts)
  | { ok: false; name: ConcreteBackend; reason: string; installed: boolean };

const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';

export async function loadBackend(name: ConcreteBackend): Promise<LoadResult> {
  switch (name) {
    case 'tensorflow':
      return loadTensorflow();
    case 'wasm':
      return activate('wasm', wasmFacts);
    case 'cpu':
      return activate('cpu', () => ({
        gpu: false,
        version: cpu.version_cpu,
        threads: 1,
        detail: `tfjs-backend-cpu ${cpu.version_cpu} (plain JavaScript, 1 thread)`,
        warnings: [],
      }));
  }
}

async function loadTensorflow(): Promise<LoadResult> {
  let version: string;
  try {
    // A plain require: the package is optional, and on load it registers itself with the shared
    // tfjs-core and switches the engine to 'tensorflow'.
    version = (require(TFJS_NODE_GPU) as { version?: { 'tfjs-node'?: string } }).version?.['tfjs-node'] ?? 'unknown';
  } catch (error) {
    const installed = !isMissingModule(error);
    const reason = installed
      ? `${TFJS_NODE_GPU} failed to load: ${firstLine(error instanceof Error ? error.message : String(error))}`
      : `${TFJS_NODE_GPU} is not installed (it is optional; its install downloads libtensorflow, see the README)`;
    return { ok: false, name: 'tensorflow', installed, reason };
  }
  return activate('tensorflow', () => {
    const gpu = (tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true;
    const warnings = gpu
      ? []
      : [`${TFJS_NODE_GPU} loaded but found no usable GPU (it needs CUDA 11.2 and cuDNN 8.1), so libtensorflow runs on the CPU`];
    return { gpu, version, detail: `tfjs-node-gpu ${version} (libtensorflow on the ${gpu ? 'GPU' : 'CPU'})`, warnings };
  });
}

async function wasmFacts(): Promise<BackendFacts> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const threads = wasm.getThreadsCount();
  return {
    gpu: false,
    version: wasm.version_wasm,
    simd,
    threads,
    detail: `tfjs-backend-wasm ${wasm.version_wasm} (${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'})`,
    warnings: [],
  };
}

async function activate(name: ConcreteBackend, facts: () => BackendFacts | Promise<BackendFacts>): Promise<LoadResult> {
  const { result: switched, messages } = await captureWarnings(() => tf.setBackend(name));
  if (!switched || tf.getBackend() !== name) {
    const cause = messages.find((m) => !m.startsWith('Initialization of backend')) ?? 'tfjs gave no reason';
    return { ok: false, name, installed: true, reason: `initialisation failed: ${firstLine(cause)}` };
  }
  await tf.ready();
  return { ok: true, name, ...(await facts()) };
}

/** Runs `fn` while collecting what tfjs logs through console.warn (its only error channel here). */
async function captureWarnings<T>(fn: () => Promise<T>): Promise<{ result: T; messages: string[] }> {
  const messages: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => messages.push(args.map(String).join(' '));
  try {
    return { result: await fn(), messages };
  } finally {
    console.warn = original;
  }
}

/** The package itself is absent, as opposed to present but failing (e.g. a missing native addon). */
function isMissingModule(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(`'${TFJS_NODE_GPU}'`);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0].trim();
}
