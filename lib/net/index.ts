/** Addressing: IPv4, CIDR, MAC, ports, address classification and longest-prefix match, as integer-backed values. */
export * from "./result";
export * from "./ipv4";
export * from "./cidr";
export * from "./mac";
export * from "./classify";
export * from "./ports";
export * from "./lpm";
