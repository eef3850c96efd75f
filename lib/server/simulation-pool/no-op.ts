/** Stands in for "server-only" in the worker bundle (pool.ts): the worker is a server, just not React's. */
export {};
