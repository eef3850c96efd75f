import type { Metadata } from "next";
import Link from "next/link";
import { CONCEPTS, DIFFICULTIES, type Concept, type Difficulty } from "@/lib/scenario/schema";
import { CONCEPT_LABELS, DIFFICULTY_LABELS, isConcept, isDifficulty } from "../concepts";
import { browseScenarios } from "./browse";
import ui from "../learn.module.css";
import styles from "./scenarios.module.css";

export const metadata: Metadata = { title: "Scenarios" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const ERRORS: Record<string, string> = {
  "bad-request": "That practice request was not valid. Pick a scenario and a difficulty to start.",
  "unknown-scenario": "That scenario does not exist (any more). Pick another one below.",
};

interface Filters {
  readonly concept: Concept | null;
  readonly difficulty: Difficulty | null;
}

/** The browse URL for a set of filters; filters are plain query parameters so links work without JavaScript. */
function hrefFor(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.concept) params.set("concept", filters.concept);
  if (filters.difficulty) params.set("difficulty", filters.difficulty);
  const query = params.toString();
  return query ? `/scenarios?${query}` : "/scenarios";
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function FilterGroup<T extends string>({ label, options, selected, href, labels }: {
  label: string;
  options: readonly T[];
  selected: T | null;
  href: (value: T | null) => string;
  labels: Readonly<Record<T, string>>;
}) {
  return (
    <div className={ui.filterGroup}>
      <span className={ui.filterLabel} id={`filter-${label.toLowerCase()}`}>
        {label}
      </span>
      <ul className={ui.filterOptions} aria-labelledby={`filter-${label.toLowerCase()}`}>
        <li>
          <Link href={href(null)} className={ui.chip} aria-current={selected === null ? "true" : undefined}>
            All
          </Link>
        </li>
        {options.map((option) => (
          <li key={option}>
            <Link href={href(option)} className={ui.chip} aria-current={selected === option ? "true" : undefined}>
              {labels[option]}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export default async function ScenariosPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const conceptParam = first(params.concept);
  const difficultyParam = first(params.difficulty);
  const filters: Filters = {
    concept: isConcept(conceptParam) ? conceptParam : null,
    difficulty: isDifficulty(difficultyParam) ? difficultyParam : null,
  };
  const error = ERRORS[first(params.error) ?? ""];
  const all = browseScenarios();
  const taught = CONCEPTS.filter((c) => c === "addressing" || all.some((s) => s.concepts.includes(c)));
  const shown = all.filter(
    (s) => (!filters.concept || s.concepts.includes(filters.concept)) && (!filters.difficulty || s.difficulty === filters.difficulty),
  );
  const showDrills = !filters.difficulty && (!filters.concept || filters.concept === "addressing");
  const filtered = filters.concept !== null || filters.difficulty !== null;

  return (
    <>
      <h1>Scenarios</h1>
      <p className="lead">
        Each scenario is a real situation from networking interviews. Study the network and the story, then practise: predict
        what every router, NAT and firewall does to the packet, and see where your reasoning went off course.
      </p>
      {error && (
        <p className={ui.alert} role="alert">
          {error}
        </p>
      )}

      <nav className={ui.filters} aria-label="Filter scenarios">
        <FilterGroup
          label="Concept"
          options={taught}
          selected={filters.concept}
          href={(concept) => hrefFor({ ...filters, concept })}
          labels={CONCEPT_LABELS}
        />
        <FilterGroup
          label="Difficulty"
          options={DIFFICULTIES}
          selected={filters.difficulty}
          href={(difficulty) => hrefFor({ ...filters, difficulty })}
          labels={DIFFICULTY_LABELS}
        />
      </nav>

      <p className={styles.count} aria-live="polite" data-testid="scenario-count">
        {filtered ? `${shown.length} of ${all.length} scenarios match.` : `${all.length} scenarios.`}{" "}
        {filtered && <Link href="/scenarios">Clear filters</Link>}
      </p>

      <ul className={ui.grid} data-testid="scenario-list">
        {shown.map((s) => (
          <li key={s.id}>
            <article className={ui.card} data-testid="scenario-card">
              <div className={ui.cardMeta}>
                <span className={`${ui.difficulty} ${ui[s.difficulty]}`}>{DIFFICULTY_LABELS[s.difficulty]}</span>
                <span>
                  {s.flows} {s.flows === 1 ? "flow" : "flows"}
                </span>
              </div>
              <h2>
                <Link href={`/scenarios/${s.id}`} className={ui.cardLink}>
                  {s.title}
                </Link>
              </h2>
              <p className={ui.cardText}>{s.summary}</p>
              <ul className={ui.tags} aria-label="Concepts">
                {s.concepts.map((c) => (
                  <li key={c} className={ui.tag}>
                    {CONCEPT_LABELS[c]}
                  </li>
                ))}
              </ul>
            </article>
          </li>
        ))}
        {showDrills && (
          <li>
            <article className={`${ui.card} ${ui.drillCard}`} data-testid="drills-card">
              <div className={ui.cardMeta}>
                <span>Endless, graded instantly</span>
              </div>
              <h2>
                <Link href="/drills" className={ui.cardLink}>
                  Addressing drills
                </Link>
              </h2>
              <p className={ui.cardText}>
                Quick questions on subnets, netmasks, CIDR blocks and special addresses: the arithmetic every scenario leans on.
              </p>
              <ul className={ui.tags} aria-label="Concepts">
                <li className={ui.tag}>{CONCEPT_LABELS.addressing}</li>
              </ul>
            </article>
          </li>
        )}
      </ul>
      {shown.length === 0 && !showDrills && (
        <p className={ui.notice}>
          No scenario matches these filters yet. <Link href="/scenarios">Show all scenarios</Link>
        </p>
      )}
    </>
  );
}
