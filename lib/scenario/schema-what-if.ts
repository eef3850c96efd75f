/**
 * A what-if: one change to a scenario's network that a follow-up question asks about ("what if
 * the NAT were removed?"). The interview core applies it to the scenario document and
 * re-simulates; a scenario's follow-ups may name one (`followUps[].whatIf`).
 */
import { z } from "zod";

const NodeRef = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(64);

export const WhatIfSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("remove-nat"), node: NodeRef.optional().describe("the router or NAT gateway; all of them when left out") }).strict(),
  z.object({ kind: z.literal("add-cgnat"), router: NodeRef.optional().describe("the NAT router that gets a carrier-grade NAT in front of it; the first one when left out") }).strict(),
  z.object({ kind: z.literal("delete-sg-rule"), group: NodeRef, rule: z.number().int().min(0).describe("index of the inbound rule") }).strict(),
  z.object({ kind: z.literal("warm-dns-cache"), node: NodeRef.optional().describe("whose OS cache already holds the answer; every flow's client when left out") }).strict(),
  z.object({ kind: z.literal("same-node-endpoint"), service: NodeRef.optional().describe("the Kubernetes Service whose endpoints move to the caller's node") }).strict(),
  z.object({ kind: z.literal("ttl"), value: z.number().int().min(1).max(255), flow: z.string().optional().describe("only this flow's probes") }).strict(),
]).describe("a change to the scenario a follow-up asks about");

export type WhatIf = z.infer<typeof WhatIfSchema>;
