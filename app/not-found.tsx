import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p className="lead">There is nothing at this address. It may have moved, or it may belong to someone else.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </>
  );
}
