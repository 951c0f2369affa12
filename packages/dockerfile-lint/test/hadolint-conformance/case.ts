/**
 * One case of the hadolint conformance suite: a Dockerfile of our own that tests the behaviour
 * one case of hadolint's rule spec (test/Hadolint/Rule/<code>Spec.hs) tests, and whether hadolint
 * reports the rule on it. `spec` names that case, in our words.
 */
export interface ConformanceCase {
  rule: string;
  spec: string;
  lines: string[];
  fires: boolean;
  /** The same RUN lines as ONBUILD triggers must give the same answer (hadolint's onBuild variants). */
  onbuild?: boolean;
  /** A `.hadolint.yaml` the case needs. */
  config?: string;
  /** How many findings of the rule hadolint reports, where its spec counts them. */
  count?: number;
}

type Options = Pick<ConformanceCase, 'onbuild' | 'config' | 'count'>;

function make(fires: boolean) {
  return (rule: string, spec: string, lines: string | string[], options: Options = {}): ConformanceCase => ({
    rule,
    spec,
    lines: typeof lines === 'string' ? [lines] : lines,
    fires,
    ...options,
  });
}

/** hadolint reports the rule here. */
export const fires = make(true);
/** hadolint does not report the rule here. */
export const quiet = make(false);
export const ONBUILD: Options = { onbuild: true };
