import Link from "next/link";

export default function HomePage() {
  return (
    <>
      <h1>Practise networking interviews</h1>
      <p className="lead">
        Follow a packet hop by hop: predict each route lookup, NAT translation and firewall decision, then see exactly
        where your reasoning went off course.
      </p>
      <ul className="card-grid">
        <li>
          <Link className="card" href="/scenarios">
            <h2>Scenarios</h2>
            <p>Trace a request through a realistic network, from DNS lookup to the reply.</p>
          </Link>
        </li>
        <li>
          <Link className="card" href="/drills">
            <h2>Drills</h2>
            <p>Short, focused exercises: subnetting, well-known ports, address classes.</p>
          </Link>
        </li>
      </ul>
    </>
  );
}
