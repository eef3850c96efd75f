/**
 * The scenario file: metadata, variables, the network, flows, what a learner is asked at which
 * difficulty, the interview script, and the checks that prove each variant keeps its teaching point.
 * One strict schema; a JSON Schema generated from it gives authors completion in their editor.
 */
import { z } from "zod";
import { ClusterSchema, NodeSchema, NumberOrExpr, SegmentSchema, Text, VpcSchema, ZoneSchema } from "./schema-network";
import { WhatIfSchema } from "./schema-what-if";

export const CONCEPTS = ["l2", "routing", "nat", "dns", "tcp", "tls", "http", "security", "cloud", "kubernetes", "cdn", "addressing"] as const;
export const ConceptSchema = z.enum(CONCEPTS);
export type Concept = z.infer<typeof ConceptSchema>;

export const DIFFICULTIES = ["beginner", "intermediate", "advanced"] as const;
export const DifficultySchema = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof DifficultySchema>;

const VariableSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("subnet"), pool: z.union([z.enum(["rfc1918", "documentation"]), z.array(z.string())]), prefix: z.number().int().min(8).max(30), default: z.string(), avoid: z.array(z.string()).default([]) }).strict(),
  z.object({ kind: z.literal("address"), pool: z.union([z.enum(["rfc1918", "documentation"]), z.array(z.string())]), default: z.string(), avoid: z.array(z.string()).default([]) }).strict(),
  z.object({ kind: z.literal("integer"), min: z.number().int(), max: z.number().int(), default: z.number().int() }).strict(),
  z.object({ kind: z.literal("port"), range: z.union([z.enum(["linux", "windows", "macos"]), z.tuple([z.number().int().min(1), z.number().int().max(65535)])]), default: z.number().int().min(1).max(65535) }).strict(),
  z.object({ kind: z.literal("choice"), options: z.array(z.string()).min(1), default: z.string() }).strict(),
]);
export type Variable = z.infer<typeof VariableSchema>;

const PortSpecSchema = z.union([NumberOrExpr, z.literal("ephemeral"), z.object({ ephemeral: NumberOrExpr }).strict()])
  .describe("a number (given to the learner), \"ephemeral\" (seeded), or { ephemeral: value } (the variant's value; any port of the OS range is accepted)");
const IsnSchema = z.union([NumberOrExpr, z.literal("seeded")]);
const HeadersSchema = z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string());

const StepSchema = z.union([
  z.object({ id: z.string().optional(), browse: Text, agent: z.enum(["browser", "library"]).default("browser").describe("library: an HTTP client in code (no browser cache, no rendering)"), dnsPort: PortSpecSchema.optional(), srcPort: PortSpecSchema.optional(), isn: IsnSchema.optional(), http: z.enum(["1.1", "2"]).default("2"), headers: HeadersSchema.default({}) }).strict(),
  z.object({ id: z.string().optional(), resolve: Text, srcPort: PortSpecSchema.optional() }).strict(),
  z.object({
    id: z.string().optional(),
    request: z.object({ to: Text, port: NumberOrExpr, host: Text, path: z.string().default("/"), tls: z.boolean().default(true), http: z.enum(["1.1", "2"]).default("1.1"), headers: HeadersSchema.default({}) }).strict(),
    srcPort: PortSpecSchema.optional(), isn: IsnSchema.optional(),
    keepOpen: z.boolean().default(false).describe("leave the connection open (no FIN): it stays ESTABLISHED in every NAT/conntrack table on its path, holding its port, while later flows run"),
  }).strict(),
  z.object({
    id: z.string().optional(),
    ssh: z.object({ to: Text, user: z.string().default("ec2-user"), jump: z.object({ host: Text, user: z.string().default("ec2-user") }).strict().optional() }).strict(),
    srcPort: PortSpecSchema.optional(), jumpSrcPort: PortSpecSchema.optional(), isn: IsnSchema.optional(),
  }).strict(),
  z.object({ id: z.string().optional(), probe: z.object({ to: Text, port: NumberOrExpr, protocol: z.enum(["tcp"]).default("tcp"), ttl: z.number().int().min(1).max(255).optional() }).strict(), srcPort: PortSpecSchema.optional(), isn: IsnSchema.optional(), keepOpen: z.boolean().default(false).describe("leave the connection open (no FIN): it stays ESTABLISHED in every NAT/conntrack table on its path, holding its port, while later flows run") }).strict(),
  z.object({ id: z.string().optional(), wait: z.number().min(0).max(86_400).describe("seconds") }).strict(),
]);

const FieldPath = z.string().regex(/^[^\s]+ [a-zA-Z][\w.:-]*$/, "write \"<hop key> <field>\", e.g. \"tcp.syn@home-router ip.src\"");

const CheckSchema = z.union([
  z.object({ field: FieldPath, equals: Text }).strict(),
  z.object({ field: FieldPath, sameAs: FieldPath }).strict(),
  z.object({ field: FieldPath, differsFrom: FieldPath }).strict(),
  z.object({ event: z.object({ type: z.enum(["hop", "deliver", "drop", "nat", "dns", "cache", "arp", "step"]), node: z.string().optional(), status: z.string().optional(), step: z.string().optional(), action: z.string().optional() }).strict(), count: z.number().int().min(0).optional() }).strict(),
]);

const FlowSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: Text,
  from: z.string(),
  fresh: z.boolean().default(false).describe("start from the scenario's initial state instead of where the previous flow left off"),
  after: z.number().min(0).max(864_000).default(0).describe("seconds that pass before this flow starts, counted from the end of the previous one: conntrack/NAT entries whose timeout runs out meanwhile expire and free their ports (Linux: TCP established 432000 s, TIME_WAIT 120 s, UDP 30 s; AWS NAT gateway 350 s idle)"),
  ttl: z.number().int().min(1).max(255).optional().describe("initial TTL of the packets the flow's client sends, over the node's own (Linux and macOS 64, Windows 128, network gear 255); a probe's ttl still wins"),
  question: Text.optional().describe("the interview question this flow answers, e.g. \"Why can't the internet reach the app server?\""),
  steps: z.array(StepSchema).min(1),
  expect: z.object({
    outcome: z.string(),
    at: z.string().optional(),
    component: z.string().optional(),
    checks: z.array(CheckSchema).default([]),
  }).strict(),
}).strict();

const LevelFields = z.object({
  beginner: z.array(z.string()).default([]),
  intermediate: z.array(z.string()).default([]),
  advanced: z.array(z.string()).default([]),
}).strict();

const QuestionSetSchema = z.object({
  flow: z.string(),
  hops: z.array(z.object({ at: z.string(), prompt: Text.optional() }).strict().extend(LevelFields.shape)).default([]),
  nat: z.array(z.object({ at: z.string(), from: DifficultySchema.default("beginner"), prompt: Text.optional() }).strict()).default([]),
  order: z.array(z.object({ id: z.string(), events: z.enum(["dns"]), from: DifficultySchema.default("intermediate"), prompt: Text.optional() }).strict()).default([]),
  outcome: z.object({ from: DifficultySchema.default("beginner"), prompt: Text.optional() }).strict().optional(),
  values: z.array(z.object({ id: z.string(), at: z.string(), kind: z.enum(["cache-status", "dns-answer", "latency-ms"]), from: DifficultySchema.default("beginner"), prompt: Text }).strict()).default([]),
}).strict();

const InterviewSchema = z.object({
  stages: z.array(z.object({
    id: z.string(), title: Text, prompt: Text, minutes: z.number().min(1).max(60),
    flow: z.string().optional(), hints: z.array(Text).default([]),
    rubric: z.array(z.object({ point: Text, weight: z.number().min(0).max(10).default(1) }).strict()).min(1),
  }).strict()).min(1),
  followUps: z.array(z.object({ question: Text, answer: Text, whatIf: WhatIfSchema.optional().describe("re-simulate with this change and ask the changed fields") }).strict()).default([]),
}).strict();

export const ScenarioSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(64),
  title: Text,
  summary: Text,
  difficulty: DifficultySchema,
  concepts: z.array(ConceptSchema).min(1),
  story: Text,
  simplifications: z.array(Text).default([]).describe("where this model departs from the real world or from common diagrams, and why"),
  variables: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), VariableSchema).default({}),
  zones: z.array(ZoneSchema).default([]),
  segments: z.array(SegmentSchema).min(1),
  nodes: z.array(NodeSchema).default([]),
  vpcs: z.array(VpcSchema).default([]),
  clusters: z.array(ClusterSchema).default([]),
  flows: z.array(FlowSchema).min(1),
  questions: z.array(QuestionSetSchema).default([]),
  alternatives: z.array(z.object({
    rule: z.enum(["natgw-translates-to-eip"]), credit: z.number().min(0).max(1).default(1), feedback: Text,
  }).strict()).default([]),
  interview: InterviewSchema.optional(),
}).strict();

export type ScenarioFile = z.infer<typeof ScenarioSchema>;
export type FlowFile = z.infer<typeof FlowSchema>;
export type StepFile = z.infer<typeof StepSchema>;
export type CheckFile = z.infer<typeof CheckSchema>;
export type QuestionSetFile = z.infer<typeof QuestionSetSchema>;
