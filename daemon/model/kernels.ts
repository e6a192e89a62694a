/** The backend-specific implementations the model's math runs on (see matmul.ts and attention.ts for why they differ). */
import { attentionFor, type Attention } from './attention';
import { matMulFor, type MatMul } from './matmul';
import './shared-identity';

export interface Kernels {
  matMul: MatMul;
  attention: Attention;
}

export function kernelsFor(backend: string): Kernels {
  return { matMul: matMulFor(backend), attention: attentionFor(backend) };
}
