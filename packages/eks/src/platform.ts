export interface PlatformCheck {
  current: string;
  /** The newest platform version for the minor, when the live calendar says. */
  latest?: string;
  upToDate?: boolean;
  message: string;
}

/** eks.N against the newest for the minor; EKS moves clusters up on its own, so this is information. */
export function checkPlatform(current: string, latest: string | undefined): PlatformCheck {
  if (!latest) return { current, message: `${current} (the newest platform version is not known without DescribeClusterVersions)` };
  const n = (v: string) => Number(/(\d+)$/.exec(v)?.[1] ?? NaN);
  const upToDate = !(n(current) < n(latest));
  return {
    current,
    latest,
    upToDate,
    message: upToDate ? `${current} is the newest platform version` : `${current}; ${latest} is the newest (EKS updates platform versions itself, or with the next cluster update)`,
  };
}
