import Link from "next/link";
import { getCurrentUser } from "@/lib/server/auth";
import styles from "./home.module.css";

const WAYS = [
  {
    step: "1",
    title: "Study a scenario",
    text: "Read the story, explore the network diagram with every address and MAC, and see what an interviewer would ask.",
    href: "/scenarios",
    action: "Browse scenarios",
  },
  {
    step: "2",
    title: "Practise the trace",
    text: "Predict each hop: addresses, ports, TTLs, NAT entries. Get graded field by field, then replay the packet's journey to see where you went off course.",
    href: "/scenarios",
    action: "Pick a scenario to practise",
  },
  {
    step: "3",
    title: "Drill the basics",
    text: "Endless quick questions on subnets, netmasks, CIDR blocks and special addresses, graded as you go.",
    href: "/drills",
    action: "Start a drill",
  },
] as const;

export default async function HomePage() {
  const user = await getCurrentUser();
  return (
    <>
      <section className={styles.hero}>
        <h1 className={styles.title}>Practise networking interviews, one hop at a time</h1>
        <p className="lead">
          &ldquo;What happens when you type google.com?&rdquo; Hopwise simulates the answer packet by packet: every route
          lookup, ARP request, NAT translation and firewall rule, with the reason behind each. You predict, it checks.
        </p>
        <div className={styles.actions}>
          <Link href="/scenarios" className="button">
            Browse scenarios
          </Link>
          <Link href="/drills" className="button secondary">
            Try a drill
          </Link>
          {user && (
            <Link href="/me" className="button secondary">
              Your progress
            </Link>
          )}
        </div>
      </section>

      <section aria-labelledby="ways-heading">
        <h2 id="ways-heading" className={styles.waysHeading}>
          Three ways to use it
        </h2>
        <ol className={styles.ways}>
          {WAYS.map((way) => (
            <li key={way.step} className={styles.way}>
              <span className={styles.step} aria-hidden="true">
                {way.step}
              </span>
              <h3>{way.title}</h3>
              <p>{way.text}</p>
              <Link href={way.href}>{way.action}</Link>
            </li>
          ))}
        </ol>
      </section>

      {!user && (
        <p className={styles.note}>
          No account needed to start. <Link href="/sign-up">Sign up</Link> to keep your progress and see which concepts to
          practise next.
        </p>
      )}
    </>
  );
}
