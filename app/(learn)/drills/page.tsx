import type { Metadata } from "next";
import Link from "next/link";
import { ExamLockNotice } from "@/components/assessment/exam-lock-notice";
import { examLockForPage } from "@/lib/server/assessments/exam-lock";
import { isDrillKind } from "@/lib/drills/generate";
import { DRILL_KINDS, type DrillKind } from "@/lib/drills/types";
import { nextPublicDrill } from "@/lib/server/drill-bank";
import ui from "../learn.module.css";
import { AddressExplainer } from "./address-explainer";
import { DrillTrainer } from "./drill-trainer";
import { DRILL_KIND_LABELS } from "./kinds";

export const metadata: Metadata = { title: "Addressing drills" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DrillsPage({ searchParams }: { searchParams: SearchParams }) {
  const lock = await examLockForPage("drills");
  if (lock) return <ExamLockNotice lock={lock} />;
  const params = await searchParams;
  const raw = params.kind;
  const rawAddress = Array.isArray(params.address) ? params.address[0] : params.address;
  const kindParam = Array.isArray(raw) ? raw[0] : raw;
  const kind: DrillKind | null = isDrillKind(kindParam) ? kindParam : null;
  const initial = nextPublicDrill(kind ?? undefined);
  return (
    <>
      <h1>Addressing drills</h1>
      <p className="lead">
        Quick questions on the arithmetic every scenario leans on. Answer, press Enter, and see the working straight away;
        there is always another one.
      </p>
      <nav className={ui.filters} aria-label="Kind of drill">
        <div className={ui.filterGroup}>
          <span className={ui.filterLabel} id="drill-kind-label">
            Kind
          </span>
          <ul className={ui.filterOptions} aria-labelledby="drill-kind-label">
            <li>
              <Link href="/drills" className={ui.chip} aria-current={kind === null ? "true" : undefined}>
                Any
              </Link>
            </li>
            {DRILL_KINDS.map((k) => (
              <li key={k}>
                <Link href={`/drills?kind=${k}`} className={ui.chip} aria-current={kind === k ? "true" : undefined}>
                  {DRILL_KIND_LABELS[k]}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </nav>
      <DrillTrainer key={kind ?? "any"} initial={initial} kind={kind} />
      <AddressExplainer query={rawAddress ?? null} kind={kind} />
    </>
  );
}
