import type { Metadata } from "next";

export const metadata: Metadata = { title: "Scenarios" };

// Placeholder until the practice pages land.
export default function ScenariosPage() {
  return (
    <>
      <h1>Scenarios</h1>
      <p className="lead">Scenarios are on their way. Soon you will trace packets through realistic networks here.</p>
    </>
  );
}
