// The site root: the dashboard is home, so "/" only forwards there (the shell handles sign-in and onboarding).
// Never render content here: a second home page would drift from the dashboard.
import { redirect } from "next/navigation";

export default function RootPage() {
  redirect("/dashboard");
}
