// Address vetting for the website fetcher: every internal range is refused in IPv4 and IPv6 (mapped and embedded forms
// included), the allow-list lifts only the internal-service ranges, and the reason names the address and its range.
import { describe, expect, it } from "vitest";
import { classifyAddress, SafeFetchError, safeFetch, vetAddress } from "./safe-fetch";

function refusal(address: string, opts: { host?: string; hostAllowed?: boolean } = {}): string | null {
  try {
    vetAddress(address, opts);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(SafeFetchError);
    expect((e as SafeFetchError).code).toBe("REFUSED_ADDRESS");
    return (e as Error).message;
  }
}

describe("vetAddress refuses internal IPv4 ranges", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.255.254", "a loopback address"],
    ["10.0.0.5", "a private address"],
    ["10.255.255.255", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.254", "a private address"],
    ["192.168.1.1", "a private address"],
    ["169.254.0.1", "a link-local address"],
    ["169.254.169.254", "the cloud metadata address"],
    ["169.254.170.2", "the cloud metadata address"],
    ["100.64.0.1", "a carrier-grade NAT address"],
    ["100.127.255.254", "a carrier-grade NAT address"],
    ["0.0.0.0", "an unspecified address"],
    ["224.0.0.1", "a multicast address"],
    ["239.255.255.250", "a multicast address"],
    ["255.255.255.255", "a broadcast address"],
    ["240.0.0.1", "a reserved address"],
    ["192.0.2.10", "a reserved address"],
  ])("%s is %s", (address, label) => {
    expect(refusal(address)).toBe(`refused: ${address} is ${label}`);
  });

  it("allows the edges just outside those ranges", () => {
    for (const a of ["172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "11.0.0.1", "192.169.0.1", "8.8.8.8", "93.184.216.34"]) {
      expect(refusal(a), a).toBeNull();
    }
  });
});

describe("vetAddress refuses internal IPv6 ranges", () => {
  it.each([
    ["::1", "a loopback address"],
    ["::", "an unspecified address"],
    ["fe80::1", "a link-local address"],
    ["febf::1", "a link-local address"],
    ["fc00::1", "a private address"],
    ["fd12:3456:789a::1", "a private address"],
    ["fd00:ec2::254", "the cloud metadata address"],
    ["ff02::1", "a multicast address"],
    ["fec0::1", "a site-local address"],
    ["2001:db8::1", "a reserved address"],
  ])("%s is %s", (address, label) => {
    expect(refusal(address)).toBe(`refused: ${address} is ${label}`);
  });

  it.each([
    ["::ffff:127.0.0.1", "a loopback address (IPv4-mapped)"],
    ["::ffff:7f00:1", "a loopback address (IPv4-mapped)"],
    ["::ffff:10.0.0.1", "a private address (IPv4-mapped)"],
    ["::ffff:192.168.0.1", "a private address (IPv4-mapped)"],
    ["::ffff:169.254.169.254", "the cloud metadata address (IPv4-mapped)"],
    ["::ffff:100.64.0.1", "a carrier-grade NAT address (IPv4-mapped)"],
    ["::ffff:0:10.0.0.1", "a private address (IPv4-mapped)"],
    ["64:ff9b::10.0.0.1", "a private address (embedded in IPv6)"],
    ["64:ff9b::169.254.169.254", "the cloud metadata address (embedded in IPv6)"],
    ["2002:7f00:1::1", "a loopback address (embedded in IPv6)"],
    ["::7f00:1", "a reserved address (IPv4-compatible)"],
  ])("%s is %s", (address, label) => {
    expect(refusal(address)).toMatch(new RegExp(`is ${label.replace(/[()]/g, "\\$&")}$`));
  });

  it("allows public IPv6, and IPv4-mapped or NAT64 forms of public IPv4", () => {
    for (const a of ["2606:4700:4700::1111", "2a00:1450:4009:81a::200e", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8", "2002:0808:0808::1"]) {
      expect(refusal(a), a).toBeNull();
    }
  });
});

describe("the allow-list", () => {
  it("lifts loopback, private, link-local and CGNAT for an allowed host", () => {
    for (const a of ["127.0.0.1", "::1", "10.0.0.5", "fd00::5", "169.254.10.10", "100.64.1.1", "::ffff:192.168.1.1"]) {
      expect(refusal(a, { host: "intranet.example", hostAllowed: true }), a).toBeNull();
    }
  });
  it("never lifts metadata, multicast, broadcast or unspecified", () => {
    for (const a of ["169.254.169.254", "fd00:ec2::254", "224.0.0.1", "255.255.255.255", "0.0.0.0", "::"]) {
      expect(refusal(a, { host: "intranet.example", hostAllowed: true }), a).not.toBeNull();
    }
  });
  it("names the host and what it resolved to", () => {
    expect(refusal("10.1.2.3", { host: "intranet.example" })).toBe("refused: intranet.example resolves to 10.1.2.3, which is a private address");
  });
});

describe("classifyAddress", () => {
  it("rejects non-addresses", () => {
    expect(() => classifyAddress("example.com")).toThrow(SafeFetchError);
  });
});

describe("safeFetch refuses before connecting", () => {
  const neverResolve = async () => {
    throw new Error("the resolver must not be asked");
  };
  it.each([
    ["ftp://example.com/", "REFUSED_SCHEME"],
    ["file:///etc/passwd", "REFUSED_SCHEME"],
    ["javascript:alert(1)", "REFUSED_SCHEME"],
    ["http://user:pw@example.com/", "INVALID_URL"],
    ["not a url", "INVALID_URL"],
    ["http://127.0.0.1/", "REFUSED_ADDRESS"],
    ["http://[::1]/", "REFUSED_ADDRESS"],
    ["http://[::ffff:127.0.0.1]/", "REFUSED_ADDRESS"],
    ["http://2130706433/", "REFUSED_ADDRESS"],
    ["http://0x7f.1/", "REFUSED_ADDRESS"],
    ["http://169.254.169.254/latest/meta-data/", "REFUSED_ADDRESS"],
    ["http://10.0.0.1/", "REFUSED_ADDRESS"],
  ])("%s → %s", async (url, code) => {
    await expect(safeFetch(url, { resolver: neverResolve })).rejects.toMatchObject({ code });
  });

  it("refuses a host that resolves to a private address, and one that mixes public and private answers", async () => {
    await expect(safeFetch("http://intranet.example/", { resolver: async () => [{ address: "10.1.2.3", family: 4 }] })).rejects.toMatchObject({
      code: "REFUSED_ADDRESS",
      message: "refused: intranet.example resolves to 10.1.2.3, which is a private address",
    });
    await expect(
      safeFetch("http://mixed.example/", {
        resolver: async () => [
          { address: "93.184.216.34", family: 4 },
          { address: "::1", family: 6 },
        ],
      }),
    ).rejects.toMatchObject({ code: "REFUSED_ADDRESS" });
  });

  it("refuses non-web ports on hosts outside the allow-list", async () => {
    await expect(safeFetch("http://public.example:6379/", { resolver: async () => [{ address: "93.184.216.34", family: 4 }] })).rejects.toMatchObject({
      code: "REFUSED_PORT",
    });
  });
});
