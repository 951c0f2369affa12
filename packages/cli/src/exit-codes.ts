/** The CLI's exit codes, documented in docs/cli.md. */
export const EXIT = {
  ok: 0,
  /** The tool worked and the verdict is "fail" (findings over the threshold, a failed rollout…). */
  policy: 1,
  /** Bad flags, a missing file, an invalid config: nothing was judged. */
  usage: 2,
  /** A bug or an unexpected failure. */
  internal: 3,
} as const;
