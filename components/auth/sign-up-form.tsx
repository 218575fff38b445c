"use client";
// The account sign-up form: name, email and a password checked against the shared password rule before submitting.
// Never weaken the rule here: passwordSchema is the same one the auth hook enforces on the server.
import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signUpSchema } from "@/lib/auth/schemas";
import { authClient, readAuthError } from "@/lib/auth/client";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { fieldErrorsFrom } from "@/components/ui/use-action-form";

const PASSWORD_HINT =
  "At least 10 characters, mixing letters with digits or symbols. Avoid common or repetitive passwords.";

export function SignUpForm({ next, email: initialEmail }: { next: string | null; email: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState({ name: "", email: initialEmail, password: "" });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [emailTaken, setEmailTaken] = useState(false);
  const [pending, startTransition] = useTransition();

  const signInHref = `/sign-in?${new URLSearchParams({ ...(next ? { next } : {}), email: values.email }).toString()}`;

  function showErrors(errors: FieldErrors, form: string | null) {
    setFieldErrors(errors);
    setFormError(form);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setEmailTaken(false);
    const parsed = signUpSchema.safeParse(values);
    if (!parsed.success) {
      showErrors(fieldErrorsFrom(parsed.error), null);
      return;
    }
    setFieldErrors({});
    setFormError(null);
    startTransition(async () => {
      const { error } = await authClient.signUp.email(parsed.data);
      if (error) {
        const err = readAuthError(error);
        const code = err.code ?? "";
        if (code.startsWith("USER_ALREADY_EXISTS")) {
          setEmailTaken(true);
          showErrors({ email: ["An account with this email already exists."] }, null);
        } else if (code === "WEAK_PASSWORD" || code.startsWith("PASSWORD_TOO")) {
          showErrors({ password: [err.message ?? "Choose a stronger password."] }, null);
        } else if (code === "INVALID_EMAIL") {
          showErrors({ email: ["Enter a valid email address."] }, null);
        } else if (err.status === 429 || code === "RATE_LIMITED") {
          showErrors({}, err.message ?? "Too many attempts. Wait a little and try again.");
        } else {
          showErrors({}, err.message ?? "Sign-up failed. Try again.");
        }
        return;
      }
      router.replace(next ?? "/onboarding");
      router.refresh();
    });
  }

  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormError message={formError} />
      <Field id="name" label="Your name" error={fieldErrors.name?.[0]}>
        {(c) => <Input {...c} name="name" autoComplete="name" required value={values.name} onChange={set("name")} />}
      </Field>
      <Field
        id="email"
        label="Email"
        error={fieldErrors.email?.[0]}
        hint={
          emailTaken ? (
            <>
              <Link href={signInHref} className="font-medium text-primary underline underline-offset-2">
                Sign in instead
              </Link>{" "}
              or use another email.
            </>
          ) : undefined
        }
      >
        {(c) => <Input {...c} name="email" type="email" autoComplete="email" required value={values.email} onChange={set("email")} />}
      </Field>
      <Field id="password" label="Password" hint={PASSWORD_HINT} error={fieldErrors.password?.[0]}>
        {(c) => (
          <Input {...c} name="password" type="password" autoComplete="new-password" required value={values.password} onChange={set("password")} />
        )}
      </Field>
      <Button type="submit" pending={pending} className="w-full">
        Create account
      </Button>
    </form>
  );
}
