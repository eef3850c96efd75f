/** Bumped whenever a change could alter any trace: stored gradings record it, so regrading is deliberate. */
export const ENGINE_VERSION = "1.3.1";
