/** The journey view's props live with the code that builds them (lib/practice/journey-types.ts). */
export type * from "@/lib/practice/journey-types";
