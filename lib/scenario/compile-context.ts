/** What the parts of the scenario compiler share while they turn a file into the engine's model. */
import type { Cidr } from "../net/cidr";
import type { Ipv4 } from "../net/ipv4";
import type {
  NaclModel, NodeModel, RouteTableModel, SecurityGroupModel, SegmentModel, StaticNat, SubnetModel,
} from "../engine/model";
import type { Issues } from "./issues";
import type { ScenarioFile } from "./schema";

export interface VpcSubnetInfo {
  readonly vpc: string;
  readonly cidr: Cidr;
  readonly gateway: Ipv4;
}

export interface CompileContext {
  readonly issues: Issues;
  readonly file: ScenarioFile;
  readonly segments: SegmentModel[];
  readonly nodes: NodeModel[];
  readonly routeTables: RouteTableModel[];
  readonly securityGroups: SecurityGroupModel[];
  readonly nacls: NaclModel[];
  readonly subnets: SubnetModel[];
  readonly vpcSubnets: Map<string, VpcSubnetInfo>;
  /** Public IPs of instances, to be mapped by their VPC's internet gateway. */
  readonly publicIps: Map<string, StaticNat[]>;
  /** Every node's main address, for references by node id (backends, endpoints). */
  readonly addressOf: Map<string, Ipv4>;
}

/** A trust store like a browser's, used when a host does not name its own. */
export const DEFAULT_TRUST = [
  "GTS Root R1", "GTS Root R4", "ISRG Root X1", "DigiCert Global Root G2", "DigiCert Global Root CA", "Baltimore CyberTrust Root",
  "Amazon Root CA 1", "GlobalSign Root CA", "USERTrust RSA Certification Authority", "Cloudflare Inc ECC CA-3",
];
