/**
 * SSH (lib/engine/ssh.ts) in ssh-via-bastion: ProxyJump is two TCP connections with the inner
 * session carried inside the outer one; a direct session ends at the server that answered.
 */
import { describe, expect, test } from "vitest";
import type { SshMessage, Trace } from "@/lib/engine/trace-types";
import { simulate } from "@/lib/simulate";
import { scenario } from "../helpers/scenarios";
import { events, field, flowOf, hop, outcome } from "../helpers/fixture";

const t: Trace = simulate(scenario("ssh-via-bastion"), { seed: 0 });
const ssh = (key: string) => (hop(t, "proxyjump", key) as { packet: { app?: SshMessage } }).packet.app;

describe("SSH", () => {
  describe("ProxyJump: two TCP connections", () => {
    test.each([
      ["outer: laptop -> bastion, port 22", "jump.tcp.syn@bastion", "l4.dstPort", "22"],
      ["inner: bastion -> database, port 22", "target.tcp.syn@db-server", "l4.dstPort", "22"],
      ["the database sees the bastion's private address", "target.tcp.syn@db-server", "ip.src", "10.0.1.50"],
      ["the bastion sees the laptop's public address", "jump.tcp.syn@bastion", "ip.src", "203.0.113.100"],
    ])("%s", (_label, key, name, value) => {
      expect(field(t, "proxyjump", key, name)).toBe(value);
    });

    test("the inner connection opens only after the channel request", () => {
      const k = flowOf(t, "proxyjump").events.map((e) => e.key);
      expect(k.indexOf("ssh.jump@bastion")).toBeGreaterThan(k.indexOf("jump.ssh.channel-open@bastion"));
      expect(k.indexOf("target.tcp.syn@bastion")).toBeGreaterThan(k.indexOf("ssh.jump@bastion"));
    });

    test.each([
      ["on the outer leg every inner message is wrapped in the outer encryption", "jump.inner.client-version@laptop", true],
      ["on the bastion's leg the inner banner is as the client wrote it (plaintext)", "target.inner.client-version@bastion", false],
      ["the inner authentication is encrypted end to end", "target.inner.userauth@bastion", true],
    ])("%s", (_label, key, encrypted) => {
      expect(ssh(key)?.encrypted).toBe(encrypted);
    });

    test("the session is established end to end, at the laptop", () => {
      expect(hop(t, "proxyjump", "ssh.end-to-end@laptop")).toMatchObject({ type: "step", protocol: "SSH" });
      expect(outcome(t, "proxyjump")).toEqual({ disposition: "DELIVERED", node: "db-server", component: "db-server" });
    });
  });

  describe("a direct session", () => {
    test("from the bastion to the database ends at the database", () => {
      expect(outcome(t, "two-step-second")).toEqual({ disposition: "DELIVERED", node: "db-server", component: "db-server" });
    });

    test("to the bastion's public IP: the bastion answers", () => {
      expect(events(t, "two-step-first", "deliver").some((e) => e.node === "bastion" && e.label === "tcp.syn")).toBe(true);
      expect(outcome(t, "two-step-first").disposition).toBe("DELIVERED");
    });

    // The flow ends at the server that answered (docs/trace-format.md: `node` is "the server that
    // answered"), here the bastion. lib/engine/steps.ts runStep("ssh") looks the target address up
    // in ownerOfIp, which knows only interface addresses, so a public IP mapped by the internet
    // gateway falls back to the text "54.1.2.3" as the node and component.
    test("to the bastion's public IP: the outcome names the bastion", () => {
      expect(outcome(t, "two-step-first")).toEqual({ disposition: "DELIVERED", node: "bastion", component: "bastion" });
    });
  });
});
