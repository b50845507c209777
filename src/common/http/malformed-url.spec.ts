import { malformedUrlField } from './malformed-url.js';

const undecodable = (text: string) => {
  try {
    decodeURIComponent(text);
    return false;
  } catch {
    return true;
  }
};

describe('malformedUrlField', () => {
  it('names the query parameter whose encoding is broken', () => {
    expect(malformedUrlField('/api/v1/units?kind=commune&q=%E0%A4%A', undecodable)).toBe('q');
    expect(malformedUrlField('/api/v1/units?q=Th%C3%A1i&pageSize=%FF', undecodable)).toBe('pageSize');
  });

  it('blames the path when the query is sound', () => {
    expect(malformedUrlField('/api/v1/units/%E0%A4%A?q=a', undecodable)).toBe('path');
  });

  it('accepts well-formed targets', () => {
    expect(malformedUrlField('/api/v1/units?q=Th%C3%A1i+B%C3%ACnh', undecodable)).toBeUndefined();
    expect(malformedUrlField('/health', undecodable)).toBeUndefined();
  });
});
