"use client";
// The email/password sign-in form: validates with signInSchema, then signs in through the better-auth client.
// Never say which of email or password was wrong: the message covers both, so accounts cannot be probed.
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signInSchema } from "@/lib/auth/schemas";
import { authClient, readAuthError } from "@/lib/auth/client";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { fieldErrorsFrom } from "@/components/ui/use-action-form";

export function SignInForm({ next, email: initialEmail }: { next: string | null; email: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = signInSchema.safeParse({ email, password });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFrom(parsed.error));
      setFormError(null);
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setFieldErrors({});
    setFormError(null);
    startTransition(async () => {
      const { error } = await authClient.signIn.email({ email: parsed.data.email, password: parsed.data.password });
      if (error) {
        const err = readAuthError(error);
        if (err.status === 429 || err.code === "RATE_LIMITED") {
          setFormError(err.message ?? "Too many sign-in attempts. Wait a little and try again.");
        } else if (err.status === 401 || err.code === "INVALID_EMAIL_OR_PASSWORD") {
          setFormError("Wrong email or password. Check both and try again.");
        } else {
          setFormError(err.message ?? "Sign-in failed. Try again.");
        }
        return;
      }
      router.replace(next ?? "/dashboard");
      router.refresh();
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormError message={formError} />
      <Field id="email" label="Email" error={fieldErrors.email?.[0]}>
        {(c) => (
          <Input {...c} name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        )}
      </Field>
      <Field id="password" label="Password" error={fieldErrors.password?.[0]}>
        {(c) => (
          <Input
            {...c}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
