import { describeFailure, type ClusterFailure, type FleetParameter, where } from '@eks-kit/eks';

/** The action input each library parameter comes from. */
const INPUT_OF: Record<FleetParameter, string> = { targetVersion: 'target-version' };

/** One line per cluster that could not be checked; a bad parameter names its input first. */
export function failureLine(failure: ClusterFailure): string {
  if (failure.parameter) return `${INPUT_OF[failure.parameter]}: ${failure.message}: cluster ${failure.cluster} (${where(failure)})`;
  return describeFailure(failure);
}
