// Input schemas for sign-up, sign-in and workspace onboarding, shared by the forms and the server.
// A password rule lives here once; the auth hook and the sign-up form both use it.
import { z } from "zod";

const COMMON = new Set([
  "password123",
  "password1234",
  "1234567890",
  "qwertyuiop",
  "letmein123",
  "iloveyou12",
  "welcome123",
  "administrator",
  "passw0rd123",
  "abcdefghij",
]);

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(128, "Use at most 128 characters.")
  .refine((p) => !COMMON.has(p.toLowerCase()), "This password is too common.")
  .refine((p) => new Set(p).size >= 5, "Use a less repetitive password.")
  .refine((p) => /[a-zA-Z]/.test(p) && /[^a-zA-Z]/.test(p), "Mix letters with digits or symbols.");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100),
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  password: passwordSchema,
});

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
});

export const createWorkspaceSchema = z.object({
  name: z.string().trim().min(2, "Use at least 2 characters.").max(80),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
