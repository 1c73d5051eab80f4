import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { announcement, localUrl, PLAIN_HTTP_WARNING, reachableUrls } from '../../../src-main/host/http/announce';

type Nets = ReturnType<typeof os.networkInterfaces>;
const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null }) as never;

/** A typical office PC: loopback, wired LAN, Wi-Fi, a VPN; IPv6 global and link-local. */
const NETS: Nets = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('192.168.1.10', 'IPv4'), nic('fe80::1c2b:3aff:fe4d:5e6f', 'IPv6'), nic('2001:db8::10', 'IPv6')],
  wlan0: [nic('10.0.0.23', 'IPv4')],
};

/** The ready line tests/e2e/helpers/host.ts and security-cli.spec.ts read: only a URL, never 0.0.0.0. */
const READY = /^http:\/\/(127\.0\.0\.1|\[::1\]|[\d.]+):\d+$/;

describe('--host: what the browser host prints', () => {
  it('0.0.0.0 lists each LAN address as a URL, warns about plain HTTP, and ends with a loopback ready line', () => {
    const a = announcement('0.0.0.0', 5174, NETS);
    expect(a.info).toEqual([
      'Listening on every network interface, port 5174. Other computers on the LAN open:',
      '  http://192.168.1.10:5174',
      '  http://10.0.0.23:5174',
      'On this computer:',
      'http://127.0.0.1:5174',
    ]);
    expect(a.warning).toBe(PLAIN_HTTP_WARNING);
    expect(a.warning).toMatch(/plain HTTP.*trusted office LAN/);
    expect(a.info.join('\n')).not.toContain('0.0.0.0');
    // Exactly one line is a bare URL (the one scripts read), and it is the last.
    expect(a.info.filter((l) => /^http:\/\/\S+:\d+$/.test(l))).toEqual([a.ready]);
    expect(a.info.at(-1)).toMatch(READY);
  });

  it(':: adds the global IPv6 addresses in brackets, never link-local ones', () => {
    expect(reachableUrls('::', 8080, NETS)).toEqual([
      'http://192.168.1.10:8080',
      'http://[2001:db8::10]:8080',
      'http://10.0.0.23:8080',
    ]);
    expect(localUrl('::', 8080)).toBe('http://[::1]:8080');
    expect(announcement('::', 8080, NETS).info.join('\n')).not.toMatch(/\[::\]|fe80/);
  });

  it('a specific LAN address is printed as is, with the warning', () => {
    const a = announcement('192.168.1.10', 5174, NETS);
    expect(a.ready).toBe('http://192.168.1.10:5174');
    expect(a.info.at(-1)).toBe('http://192.168.1.10:5174');
    expect(a.warning).toBe(PLAIN_HTTP_WARNING);
  });

  it('loopback prints only the URL, no warning (the default)', () => {
    expect(announcement('127.0.0.1', 5174, NETS)).toEqual({
      info: ['http://127.0.0.1:5174'],
      warning: null,
      ready: 'http://127.0.0.1:5174',
    });
  });

  it('a computer without a network address says so instead of printing nothing', () => {
    const a = announcement('0.0.0.0', 5174, { lo: NETS.lo });
    expect(a.info[0]).toMatch(/no network address/);
    expect(a.info.at(-1)).toBe('http://127.0.0.1:5174');
  });

  it('over HTTPS the addresses are https:// and there is no plain-HTTP warning', () => {
    const a = announcement('0.0.0.0', 8443, NETS, 'https');
    expect(a.warning).toBeNull();
    expect(a.info.at(-1)).toBe('https://127.0.0.1:8443');
    expect(a.info.some((l) => /^ {2}https:\/\/\d/.test(l))).toBe(true);
  });
});
