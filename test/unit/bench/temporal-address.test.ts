import { parseOptions } from '../../../bench/options';

describe('bench --temporal-address', () => {
  it('when no address is given, then the bench starts its own dev server', () => {
    expect(parseOptions(['--quick']).temporalAddress).toBeUndefined();
  });

  it('when an address and the server pid are given, then both are taken', () => {
    const options = parseOptions(['--temporal-address', 'temporal.internal:7233', '--temporal-pid', '4242']);
    expect(options).toMatchObject({ temporalAddress: 'temporal.internal:7233', temporalPid: 4242 });
  });

  it('when the address has no port, then the options are refused', () => {
    expect(() => parseOptions(['--temporal-address', 'temporal.internal'])).toThrow(/HOST:PORT/);
  });
});
