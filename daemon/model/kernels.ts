/** The backend-specific implementations the model's math runs on (see embedding.ts, matmul.ts, attention.ts, layer-norm.ts, gelu.ts and cross-entropy.ts for why they differ). */
import { attentionFor, type Attention } from './attention';
import { crossEntropyFor, type CrossEntropy } from './cross-entropy';
import { embeddingFor, type Embed } from './embedding';
import { geluFor, type Gelu } from './gelu';
import { layerNormFor, type LayerNorm } from './layer-norm';
import { matMulFor, type MatMul } from './matmul';
import './shared-identity';

export interface Kernels {
  embed: Embed;
  matMul: MatMul;
  attention: Attention;
  layerNorm: LayerNorm;
  gelu: Gelu;
  crossEntropy: CrossEntropy;
}

export function kernelsFor(backend: string): Kernels {
  const matMul = matMulFor(backend);
  return {
    embed: embeddingFor(backend, matMul),
    matMul,
    attention: attentionFor(backend),
    layerNorm: layerNormFor(backend),
    gelu: geluFor(backend),
    crossEntropy: crossEntropyFor(backend),
  };
}
