import { changes } from './audit.types.js';

describe('changes', () => {
  it('keeps only what changed, and ignores fields not given', () => {
    const before = { name: 'Xã A', code: '1', validTo: null as string | null, at: new Date(0) };
    expect(changes(before, { name: 'Xã A', code: undefined })).toBeNull();
    expect(changes(before, { name: 'Xã B', validTo: '2025-06-30', at: new Date(0) })).toEqual({
      before: { name: 'Xã A', validTo: null },
      after: { name: 'Xã B', validTo: '2025-06-30' },
    });
  });
});
