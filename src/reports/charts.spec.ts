import { perCapitaBarChart, perCapitaTrendChart, raisedVersusPaidChart, shortMoney } from './charts.js';

const reference = { min: 32_000, max: 35_000 };

describe('report charts (SVG drawn on the server)', () => {
  it('draws the units against the target line, scalable by its viewBox, names as text', () => {
    const svg = perCapitaBarChart({
      units: [
        { name: 'Xã Vũ Thư', perCapita: 83_333 },
        { name: 'Xã <b>Thử</b> & "Nháy"', perCapita: 12_000 },
      ],
      target: 80_000,
      nationalReference: reference,
    });
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 380 \d+"/);
    expect(svg).toContain('Chỉ tiêu 80.000');
    expect(svg).toContain('83.333');
    expect(svg).toContain('Xã Vũ Thư');
    expect(svg).toContain('Xã &lt;b&gt;Thử&lt;/b&gt; &amp;');
    expect(svg).not.toContain('<b>');
    // Same data, same drawing but for the instance's class prefix (PDFs must be reproducible).
    const draw = () =>
      perCapitaBarChart({ units: [{ name: 'A', perCapita: 1 }], target: null, nationalReference: reference });
    const plain = (svg: string) => svg.replace(/zr\d+-cls-\d+/g, 'zr-cls');
    expect(plain(draw())).toBe(plain(draw()));
  });

  it('draws a trend with gaps for years without population, and money raised beside paid out', () => {
    const trend = perCapitaTrendChart({
      years: [
        { year: 2024, perCapita: null },
        { year: 2025, perCapita: 10_000 },
        { year: 2026, perCapita: 42_000 },
      ],
      target: 80_000,
      nationalReference: reference,
    });
    expect(trend).toContain('2024');
    expect(trend).toContain('42.000');
    expect(trend).toContain('Cả nước 32.000–35.000');
    const money = raisedVersusPaidChart({ years: [{ year: 2026, raised: 42_000_000, paidOut: 500_000 }] });
    expect(money).toContain('Vận động được');
    expect(money).toContain('Đã chi trao thưởng');
  });

  it('shortens large sums for axes', () => {
    expect(shortMoney(80_000)).toBe('80.000');
    expect(shortMoney(25_000_000)).toBe('25 tr');
    expect(shortMoney(1_500_000_000)).toBe('1,5 tỷ');
  });
});
