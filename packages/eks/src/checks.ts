/**
 * The checks version-drift implements, by id. The docs' comparison with eksup and pluto names these
 * ids, and a test keeps the two lists equal.
 */
export const IMPLEMENTED_CHECKS = {
  'support-calendar': 'days to the end of standard and extended support, from DescribeClusterVersions or the bundled calendar',
  'extended-support-charge': 'whether the cluster pays for extended support, from the dates and upgradePolicy.supportType',
  'platform-version': 'the cluster platform version (eks.N) against the newest for its minor',
  'kubelet-skew': 'managed node groups within the kubelet skew rule now and after the upgrade',
  'al2-ami': 'managed node groups on Amazon Linux 2 when the next minor is 1.33 or later',
  'addon-compatibility': 'add-ons with a version for the next minor (DescribeAddonVersions), and when to update them',
  'kube-proxy-skew': 'the kube-proxy add-on within the skew rule now and after the upgrade',
  'cluster-health': 'health issues DescribeCluster reports',
  'nodegroup-health': 'health issues DescribeNodegroup reports',
  'addon-health': 'health issues DescribeAddon reports',
  'subnet-free-ips': "free IP addresses in the cluster's subnets (5 in two zones) and each node group's (its upgrade surge), from DescribeSubnets",
  'launch-template-drift': "managed node groups on a launch template version other than the template's latest, from DescribeLaunchTemplates",
  'custom-ami': 'managed node groups on a custom AMI (amiType CUSTOM), which EKS cannot upgrade for you',
  'pdb-drain': 'PodDisruptionBudgets that allow no eviction (maxUnavailable 0, minAvailable equal to the replicas), with cluster access',
  'min-replicas': 'Deployments and StatefulSets with one replica, with cluster access',
  'min-ready-seconds': 'Deployments and StatefulSets with minReadySeconds 0, with cluster access',
  'topology-spread': 'workloads of two or more replicas with no topology spread or pod anti-affinity, with cluster access',
  'readiness-probe': 'containers of workloads without a readiness probe, with cluster access',
  'termination-grace': 'workloads with terminationGracePeriodSeconds 0, with cluster access',
  'docker-socket': 'workloads that mount the Docker socket (hostPath /var/run/docker.sock), with cluster access',
  'unmanaged-pods': 'pods no controller manages, which a drain deletes for good, with cluster access',
  'in-tree-ebs': 'StorageClasses with the in-tree kubernetes.io/aws-ebs provisioner and awsElasticBlockStore PersistentVolumes, with cluster access',
  'live-apis': "live objects last applied (kubectl.kubernetes.io/last-applied-configuration) or managed (managedFields) through deprecated and removed APIs, with cluster access",
  'helm-release-apis': "the same in live Helm releases' stored manifests (sh.helm.release.v1 Secrets), with cluster access",
  'upgrade-insights': 'EKS upgrade insights in ERROR for the next minor',
  'manifest-apis': "deprecated and removed apiVersions in the repository's YAML, with file and line",
  'additional-versions': "the same against a user's versions file in pluto's format (input additional-versions)",
  'helm-rendered-apis': 'the same in Helm charts rendered with helm template',
} as const;

export type CheckId = keyof typeof IMPLEMENTED_CHECKS;
