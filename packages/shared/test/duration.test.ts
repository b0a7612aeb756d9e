import { parseDuration } from '@mtm/shared';
import { expect } from 'chai';

describe('parseDuration', () => {
  it('reads Go durations into milliseconds', () => {
    expect(parseDuration('30s')).to.equal(30_000);
    expect(parseDuration('1h30m')).to.equal(5_400_000);
    expect(parseDuration('250ms')).to.equal(250);
    expect(parseDuration('168h')).to.equal(604_800_000);
  });

  it('reads a bare number as milliseconds', () => {
    expect(parseDuration('1500')).to.equal(1500);
    expect(parseDuration(42)).to.equal(42);
  });

  it('rejects anything else', () => {
    for (const bad of ['soon', '10 s', '-5s', '', 's', '5d', null, {}, -1, Number.NaN]) {
      expect(parseDuration(bad), String(bad)).to.equal(undefined);
    }
  });
});
