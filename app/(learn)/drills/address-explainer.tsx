/**
 * "Explain any address": a plain GET form (no client script), so it works with the keyboard,
 * without JavaScript and under the nonce-based CSP. The page reads `?address=` and renders the
 * worked explanation, or the parser's message next to the field.
 */
import { explainAddress, parseAddressQuery } from "@/lib/drills/explain-address";
import type { DrillKind } from "@/lib/drills/types";
import styles from "./drills.module.css";

export function AddressExplainer({ query, kind }: { query: string | null; kind: DrillKind | null }) {
  const parsed = query === null ? null : parseAddressQuery(query);
  const error = parsed !== null && !parsed.ok ? parsed.message : null;
  const explanation = parsed !== null && parsed.ok ? explainAddress(parsed.address, parsed.prefix) : null;
  return (
    <section className={`${styles.panel} ${styles.explainer}`} aria-labelledby="explain-heading" data-testid="address-explainer">
      <h2 id="explain-heading" className={styles.explainHeading}>
        Explain any address
      </h2>
      <form method="get" action="/drills#explain-heading" className={styles.explainForm}>
        {kind !== null && <input type="hidden" name="kind" value={kind} />}
        <div className={styles.field}>
          <label className={styles.label} htmlFor="explain-address">
            Address and prefix
          </label>
          <span className={styles.hint} id="explain-address-hint">
            Like 10.37.200.9/22, or an address and a netmask: 10.37.200.9 255.255.252.0
          </span>
          <input
            id="explain-address"
            name="address"
            className={styles.input}
            defaultValue={query ?? ""}
            autoComplete="off"
            spellCheck={false}
            inputMode="text"
            maxLength={64}
            aria-invalid={error !== null ? "true" : undefined}
            aria-describedby={error !== null ? "explain-address-hint explain-address-error" : "explain-address-hint"}
          />
          {error !== null && (
            <p className="field-error" id="explain-address-error" role="alert" data-testid="explain-error">
              {error}
            </p>
          )}
        </div>
        <div className={styles.actions}>
          <button type="submit" className="button">
            Explain
          </button>
        </div>
      </form>
      {explanation !== null && (
        <div data-testid="explanation">
          <p className={styles.explainGiven}>
            Worked explanation for <code>{explanation.given}</code>
          </p>
          <dl className={styles.facts}>
            {explanation.facts.map((fact) => (
              <div key={fact.id} className={styles.fact} data-testid={`fact-${fact.id}`}>
                <dt className={styles.label}>{fact.label}</dt>
                <dd className={styles.factValue}>
                  <code>{fact.value}</code>
                </dd>
                <dd className={styles.explanation}>{fact.explanation}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </section>
  );
}
