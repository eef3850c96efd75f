import Link from "next/link";

export default function Forbidden() {
  return (
    <>
      <h1>Not available to your account</h1>
      <p className="lead">This page is for a different role. If you think you should have access, ask an administrator.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </>
  );
}
