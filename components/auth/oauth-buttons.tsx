"use client";

import { signIn } from "next-auth/react";

/** "Continue with GitHub/Google", shown only for the providers configured on the server. */
export function OAuthButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  if (providers.length === 0) return null;
  return (
    <section aria-label="Other ways to sign in">
      <p className="divider">or</p>
      <div className="form">
        {providers.map((provider) => (
          <button key={provider.id} type="button" className="button secondary" onClick={() => signIn(provider.id, { callbackUrl })}>
            Continue with {provider.name}
          </button>
        ))}
      </div>
    </section>
  );
}
