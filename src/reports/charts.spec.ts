import { perCapitaBarChart, perCapitaTrendChart, raisedVersusPaidChart, shortMoney } from './charts.js';

const reference = { min: 32_000, max: 35_000 };

/** The 34 provinces of 2025, as the national dashboard charts them. */
const PROVINCES = [
  'Thành phố Hà Nội',
  'Tỉnh Cao Bằng',
  'Tỉnh Tuyên Quang',
  'Tỉnh Điện Biên',
  'Tỉnh Lai Châu',
  'Tỉnh Sơn La',
  'Tỉnh Lào Cai',
  'Tỉnh Thái Nguyên',
  'Tỉnh Lạng Sơn',
  'Tỉnh Quảng Ninh',
  'Tỉnh Bắc Ninh',
  'Tỉnh Phú Thọ',
  'Thành phố Hải Phòng',
  'Tỉnh Hưng Yên',
  'Tỉnh Ninh Bình',
  'Tỉnh Thanh Hóa',
  'Tỉnh Nghệ An',
  'Tỉnh Hà Tĩnh',
  'Tỉnh Quảng Trị',
  'Thành phố Huế',
  'Thành phố Đà Nẵng',
  'Tỉnh Quảng Ngãi',
  'Tỉnh Gia Lai',
  'Tỉnh Khánh Hòa',
  'Tỉnh Đắk Lắk',
  'Tỉnh Lâm Đồng',
  'Tỉnh Đồng Nai',
  'Thành phố Hồ Chí Minh',
  'Tỉnh Tây Ninh',
  'Tỉnh Đồng Tháp',
  'Tỉnh Vĩnh Long',
  'Tỉnh An Giang',
  'Thành phố Cần Thơ',
  'Tỉnh Cà Mau',
];

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
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 320 \d+"/);
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

  it('sizes the bar chart to its units: 34 provinces in one row each, every name whole and left of the plot', () => {
    const names = PROVINCES.map((p, i) => ({ name: p, perCapita: i * 2_500 }));
    const svg = perCapitaBarChart({ units: names, target: 80_000, nationalReference: reference });
    const [, width, height] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!.map(Number);
    // Drawn at a phone's width: under 1,000 px for the whole country (it was 1,620 units at 380).
    expect(width).toBe(320);
    expect(height).toBeLessThanOrEqual(30 + 24 * 34);
    // The plot starts where the names end: the axis line is right of every name, and no gridline
    // runs behind them.
    const axisX = Number(/<path d="M([\d.]+) [\d.]+L\1 [\d.]+"[^>]*stroke="#9aa5b1"/.exec(svg)![1]);
    const labels = [
      ...svg.matchAll(
        /<text [^>]*text-anchor="end"[^>]*transform="translate\(([\d.]+) [\d.]+\)"[^>]*>([^<]+)<\/text>/g,
      ),
    ];
    expect(labels.map((m) => m[2]).sort()).toEqual([...PROVINCES].sort());
    for (const [, x] of labels) expect(Number(x)).toBeLessThan(axisX);
    expect(svg).not.toContain('stroke="#e4e7eb"');
  });

  it('writes no text smaller than 12 px in any chart', () => {
    const charts = [
      perCapitaBarChart({
        units: [{ name: 'Xã Vũ Thư', perCapita: 83_333 }],
        target: 80_000,
        nationalReference: reference,
      }),
      perCapitaTrendChart({
        years: [{ year: 2026, perCapita: 42_000 }],
        target: 80_000,
        nationalReference: reference,
      }),
      raisedVersusPaidChart({ years: [{ year: 2026, raised: 42_000_000, paidOut: 500_000 }] }),
    ];
    const sizes = charts.flatMap((svg) =>
      [...svg.matchAll(/font-size:([\d.]+)px/g)].map((m) => Number(m[1])),
    );
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  });

  it('shortens large sums for axes', () => {
    expect(shortMoney(80_000)).toBe('80.000');
    expect(shortMoney(25_000_000)).toBe('25 tr');
    expect(shortMoney(1_500_000_000)).toBe('1,5 tỷ');
  });
});
