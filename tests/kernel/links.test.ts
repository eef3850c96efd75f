/** The lab waits for links that can carry a frame before a probe (scripts/kernel/netns.ts). */
import { describe, expect, test } from "vitest";
import { linkNotReady } from "../../scripts/kernel/netns";

const up = { ifname: "eth0", operstate: "UP", qdisc: "noqueue" };

describe("a link ready to carry a frame", () => {
  test.each([
    { label: "a veth that is up with its queue", link: up, why: null },
    { label: "loopback, whatever its state", link: { ifname: "lo", operstate: "UNKNOWN", qdisc: "noop" }, why: null },
    { label: "a bridge port forwarding", link: { ...up, ifname: "p0", linkinfo: { info_slave_data: { state: "forwarding" } } }, why: null },
    { label: "a veth whose peer is not up yet", link: { ...up, operstate: "LOWERLAYERDOWN" }, why: "eth0 is LOWERLAYERDOWN" },
    { label: "carrier up, queue not activated yet (drops every frame)", link: { ...up, qdisc: "noop" }, why: "eth0 still has the noop queue" },
    { label: "a bridge port not forwarding yet", link: { ...up, ifname: "p3", linkinfo: { info_slave_data: { state: "disabled" } } }, why: "bridge port p3 is disabled" },
  ])("$label", ({ link, why }) => {
    expect(linkNotReady(link)).toBe(why);
  });
});
