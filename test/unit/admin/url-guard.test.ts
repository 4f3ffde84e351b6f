import { urlProblem } from '../../../src/http/url-guard';

describe('the SSRF guard of configured URLs', () => {
  it.each([
    'https://acme.service-now.com',
    'https://oncall.example.com/api',
    'https://8.8.8.8',
    'https://192.0.1.1',
    'https://[2606:4700:4700::1111]',
    'https://[2a00:1450:4001:82a::200e]',
  ])('accepts the public https URL %s', (url) => {
    expect(urlProblem(url, false)).toBeUndefined();
  });

  it.each([
    'https://localhost',
    'https://localhost.',
    'https://LOCALHOST:8443',
    'https://app.localhost',
    'https://metadata.google.internal.',
    'https://127.0.0.1',
    'https://127.0.0.1.',
    'https://0x7f.1',
    'https://2130706433',
    'https://10.1.2.3',
    'https://172.16.0.1',
    'https://192.168.1.1',
    'https://169.254.169.254',
    'https://100.64.0.1',
    'https://0.0.0.0',
    'https://198.18.0.1',
    'https://239.1.1.1',
    'https://[::1]',
    'https://[0:0:0:0:0:0:0:1]',
    'https://[::]',
    'https://[fd00::1]',
    'https://[fe80::1]',
    'https://[febf::1]',
    'https://[::ffff:127.0.0.1]',
    // Special-purpose ranges beyond the private ones, and IPv6 forms that embed an IPv4 address.
    'https://192.0.0.8',
    'https://192.0.0.170',
    'https://192.0.2.1',
    'https://198.51.100.7',
    'https://203.0.113.9',
    'https://192.88.99.1',
    'https://255.255.255.255',
    'https://[::7f00:1]',
    'https://[::127.0.0.1]',
    'https://[64:ff9b::7f00:1]',
    'https://[64:ff9b:1::a00:1]',
    'https://[2002:7f00:1::1]',
    'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]',
    'https://[2001:db8::1]',
    'https://[fec0::1]',
    'https://[feff::1]',
    'https://[ff02::1]',
    'https://[ff05::1:3]',
    'https://[100::1]',
    'https://[::ffff:0:a00:1]',
  ])('refuses the non-public address %s', (url) => {
    expect(urlProblem(url, false)).toMatch(/loopback, private, link-local or other special-purpose/);
  });

  it('refuses http unless insecure URLs are allowed, and then also allows loopback', () => {
    expect(urlProblem('http://acme.service-now.com', false)).toMatch(/https/);
    expect(urlProblem('http://127.0.0.1:8080', true)).toBeUndefined();
    expect(urlProblem('https://localhost', true)).toBeUndefined();
  });

  it.each([
    ['not a url', /absolute URL/],
    ['ftp://acme.example.com', /http/],
    ['file:///etc/passwd', /http/],
    ['https://user:pw@acme.example.com', /credentials/],
  ])('refuses %s whatever the switch', (url, reason) => {
    expect(urlProblem(url, false)).toMatch(reason);
    expect(urlProblem(url, true)).toMatch(reason);
  });
});
