import type { Metadata } from "next";

export const metadata: Metadata = { title: "Drills" };

// Placeholder until the drill pages land.
export default function DrillsPage() {
  return (
    <>
      <h1>Drills</h1>
      <p className="lead">Drills are on their way. Soon you will sharpen subnetting and port numbers here.</p>
    </>
  );
}
