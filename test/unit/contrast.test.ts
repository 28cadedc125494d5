// The WCAG arithmetic behind the browser tests' theme checks (test/e2e/contrast.ts), on values
// whose ratios are known.
import assert from 'node:assert/strict';
import { contrastRatio, hex, over, parseCssColor, rateSample, relativeLuminance, type ColourSample } from '../e2e/contrast';

const round2 = (n: number) => Math.round(n * 100) / 100;

describe('contrast (WCAG 2.x)', () => {
  it('reads the colour forms browsers compute', () => {
    assert.deepEqual(parseCssColor('rgb(30, 30, 30)'), [30, 30, 30, 1]);
    assert.deepEqual(parseCssColor('rgba(255, 255, 255, 0.5)'), [255, 255, 255, 0.5]);
    assert.deepEqual(parseCssColor('rgb(1 2 3 / 40%)'), [1, 2, 3, 0.4]);
    assert.deepEqual(parseCssColor('transparent'), [0, 0, 0, 0]);
    assert.throws(() => parseCssColor('oklch(0.5 0.1 20)'), /cannot read the colour "oklch/);
  });

  it('gives the ratios WCAG examples give', () => {
    assert.equal(relativeLuminance([255, 255, 255, 1]), 1);
    assert.equal(relativeLuminance([0, 0, 0, 1]), 0);
    assert.equal(contrastRatio([0, 0, 0, 1], [255, 255, 255, 1]), 21);
    assert.equal(contrastRatio([255, 255, 255, 1], [255, 255, 255, 1]), 1);
    // #767676 is the lightest grey that passes 4.5:1 on white; #777777 is not.
    assert.equal(round2(contrastRatio([0x76, 0x76, 0x76, 1], [255, 255, 255, 1])), 4.54);
    assert.equal(round2(contrastRatio([0x77, 0x77, 0x77, 1], [255, 255, 255, 1])), 4.48);
    assert.equal(round2(contrastRatio([255, 255, 255, 1], [0xe5, 0x14, 0x00, 1])), 4.74);
  });

  it('paints translucent colours over what is below', () => {
    assert.deepEqual(over([0, 0, 0, 0.5], [255, 255, 255, 1]), [127.5, 127.5, 127.5, 1]);
    assert.equal(hex(over([0, 0, 0, 0.5], [255, 255, 255, 1])), '#808080');
  });

  it('rates text on the first opaque background up its ancestors, with translucent layers on top', () => {
    const sample = (over: Partial<ColourSample>): ColourSample => ({
      kind: 'card text',
      text: 'x',
      color: 'rgb(0, 0, 0)',
      backgrounds: ['rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)', 'rgb(0, 0, 0)'],
      opacity: 1,
      large: false,
      nonText: false,
      ...over,
    });
    const plain = rateSample(sample({}));
    assert.deepEqual([hex(plain.foreground), hex(plain.background), plain.ratio, plain.required], ['#000000', '#ffffff', 21, 4.5]);
    // A half-transparent black layer over the white card: the text sits on grey.
    const layered = rateSample(sample({ color: 'rgb(255, 255, 255)', backgrounds: ['rgba(0, 0, 0, 0.5)', 'rgb(255, 255, 255)'] }));
    assert.equal(hex(layered.background), '#808080');
    assert.equal(round2(layered.ratio), 3.98);
    // Translucent text (or a translucent ancestor) mixes with the background.
    assert.equal(hex(rateSample(sample({ color: 'rgba(0, 0, 0, 0.5)' })).foreground), '#808080');
    assert.equal(hex(rateSample(sample({ opacity: 0.5 })).foreground), '#808080');
    // Nothing opaque at all: the page shows white.
    assert.equal(hex(rateSample(sample({ backgrounds: ['rgba(0, 0, 0, 0)'] })).background), '#ffffff');
    // Large text and icons need 3:1.
    assert.equal(rateSample(sample({ large: true })).required, 3);
    assert.equal(rateSample(sample({ nonText: true })).required, 3);
  });
});
