import { UserError } from '../util/user-error';
import type { PreparedDomain } from './types';

/**
 * Training and evaluation cut each split into windows of contextLength + 1 tokens; a split shorter
 * than one window would leave the domain unusable, so say so before training starts.
 */
export function checkDomainsFitWindows(
  domains: readonly PreparedDomain[],
  contextLength: number,
  validationFraction: number,
  labelOf: (name: string) => string,
): void {
  const needed = contextLength + 1;
  for (const domain of domains) {
    const label = labelOf(domain.name);
    if (domain.train.length < needed) {
      throw new UserError(`${label} has ${domain.train.length} training tokens but one window needs ${needed} (contextLength + 1); add text to it or lower data.contextLength`);
    }
    if (domain.validation.length < needed) {
      const fractionNeeded = needed / (domain.train.length + domain.validation.length);
      throw new UserError(
        `${label} holds out ${domain.validation.length} validation tokens but one window needs ${needed} (contextLength + 1); raise data.validationFraction (now ${validationFraction}) to at least ${roundUp(fractionNeeded)}, add text, or lower data.contextLength`,
      );
    }
  }
}

function roundUp(fraction: number): number {
  return Math.ceil(fraction * 1000) / 1000;
}
