/**
 * Input schemas for signing up and signing in, shared by the route handlers (validation) and the
 * forms (inline messages before a round trip). Pure: safe to import from client components.
 */
import { z } from "zod";

// In the browser, zod would probe `new Function` (to compile faster parsers), which the page's CSP
// refuses and reports as a violation; the forms' small schemas do not need it. The server keeps it.
if (typeof window !== "undefined") z.config({ jitless: true });

export const PASSWORD_MIN_LENGTH = 10;
/** scrypt hashes any length, but an upper bound keeps a huge body from costing CPU. */
export const PASSWORD_MAX_LENGTH = 200;

export const EmailSchema = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "That email address is too long")
  .pipe(z.email("Enter a valid email address, like name@example.com"))
  .transform((email) => email.toLowerCase());

export const NewPasswordSchema = z
  .string({ error: "Choose a password" })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters for your password`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters for your password`);

export const SignUpSchema = z.object({
  email: EmailSchema,
  password: NewPasswordSchema,
  name: z
    .string()
    .trim()
    .max(100, "Keep your name under 100 characters")
    .optional()
    .transform((name) => (name === "" ? undefined : name)),
});

export type SignUpInput = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, "Enter your password").max(PASSWORD_MAX_LENGTH, "That password is too long"),
});

export type SignInInput = z.infer<typeof SignInSchema>;

/** Field name → messages, the shape both the API's 422 body and the forms use. */
export type FieldErrors = Partial<Record<string, string[]>>;

/** Collect a zod error's messages per top-level field ("form" for errors not tied to a field). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  // A Map, not an object: a field named "constructor" or "__proto__" must not meet Object.prototype.
  const fields = new Map<string, string[]>();
  for (const issue of error.issues) {
    const key = typeof issue.path[0] === "string" ? issue.path[0] : "form";
    fields.set(key, [...(fields.get(key) ?? []), issue.message]);
  }
  return Object.fromEntries(fields);
}
