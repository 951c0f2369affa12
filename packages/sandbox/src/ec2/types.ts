/** A VPC subnet as DescribeSubnets reports it; the rest of its members are derived. */
export interface SubnetSeed {
  subnetId: string;
  /** Zone name, e.g. us-east-1a; default: the region's zone `a`. */
  availabilityZone?: string;
  availableIpAddressCount: number;
  cidrBlock?: string;
  vpcId?: string;
}

/** An EC2 launch template's version numbers, what a node group's drift is read from. */
export interface LaunchTemplateSeed {
  launchTemplateId: string;
  launchTemplateName: string;
  defaultVersionNumber: number;
  latestVersionNumber: number;
}

export interface Ec2Scenario {
  /** Without any, the two subnets EKS seeds point at exist with room to spare. */
  subnets?: SubnetSeed[];
  launchTemplates?: LaunchTemplateSeed[];
  /** Actions (`ec2:DescribeSubnets`) the sandbox's identities are not allowed: UnauthorizedOperation, as IAM answers. */
  deny?: string[];
}

/** The subnets DescribeCluster and DescribeNodegroup name when a seed gives none. */
export const DEFAULT_SUBNET_IDS = ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'];
