import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

// Crockford's base32: no I, L, O, U, so a code read aloud or typed from paper survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SERIAL_CHARS = 6; // 30 bits: a billion documents
const MAC_CHARS = 6; // 30 bits of HMAC: a guess is right once in a billion
const MAX_SERIAL = 2 ** (5 * SERIAL_CHARS) - 1;
const HALF = 15; // the serial's 30 bits as two halves for the permutation
const HALF_MASK = (1 << HALF) - 1;
const ROUNDS = 4;

function base32(value: number, width: number): string {
  let out = '';
  for (let i = width - 1; i >= 0; i--) out += ALPHABET[Math.floor(value / 32 ** i) % 32];
  return out;
}

/** A code as printed: three groups of four (`7K2M-9QX4-HB3T`). */
export function printedCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** What a person typed, as a code: case, spaces and dashes ignored, O read as 0 and I, L as 1. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * The verification code of an issued document: a serial from the `document_serial` sequence
 * (unique by construction, so no collision as the ledger grows), scrambled by a keyed permutation
 * (so codes neither count the documents issued nor follow one another), then an HMAC of the
 * serial under the installation's key (kept in the database, so codes outlive restarts and
 * backups keep it). Without the key nobody can make a code that verifies, and a forged or
 * mistyped one is refused before the database is asked.
 */
@Injectable()
export class VerificationCodes implements OnModuleInit {
  private key?: Buffer;
  // The Feistel rounds' outputs by (round, 15-bit half): at most 4 × 32,768 HMACs per process
  // instead of four per code (an import of 100,000 receipts asked for 400,000). -1: not yet.
  private readonly rounds = new Int32Array(ROUNDS << HALF).fill(-1);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const [row] = await this.dataSource.query(`SELECT secret FROM signing_keys WHERE name = 'verification'`);
    if (!row) throw new Error('signing_keys has no verification key: run the migrations');
    this.key = row.secret as Buffer;
    this.rounds.fill(-1);
  }

  private round(i: number, half: number): number {
    const slot = (i << HALF) | half;
    const known = this.rounds[slot];
    if (known >= 0) return known;
    const digest = createHmac('sha256', this.key!).update(`round:${i}:${half}`).digest();
    return (this.rounds[slot] = digest.readUInt16BE(0) & HALF_MASK);
  }

  /** A Feistel network over 30 bits: a bijection, so distinct serials keep distinct codes. */
  private scramble(serial: number): number {
    let left = serial >>> HALF;
    let right = serial & HALF_MASK;
    for (let i = 0; i < ROUNDS; i++) [left, right] = [right, left ^ this.round(i, right)];
    return (left << HALF) | right;
  }

  private unscramble(value: number): number {
    let left = value >>> HALF;
    let right = value & HALF_MASK;
    for (let i = ROUNDS - 1; i >= 0; i--) [left, right] = [right ^ this.round(i, left), left];
    return (left << HALF) | right;
  }

  private mac(serial: number): string {
    const digest = createHmac('sha256', this.key!).update(`document:${serial}`).digest();
    return base32(digest.readUInt32BE(0) >>> 2, MAC_CHARS);
  }

  /** The code of a document with this serial. */
  code(serial: number): string {
    if (!Number.isSafeInteger(serial) || serial < 1 || serial > MAX_SERIAL)
      throw new Error(`document serial ${serial} out of range`);
    return base32(this.scramble(serial), SERIAL_CHARS) + this.mac(serial);
  }

  /** A new code, drawn in the caller's transaction. */
  async next(manager: EntityManager): Promise<string> {
    return (await this.many(manager, 1))[0];
  }

  /** `count` new codes in one statement (imports, signed payment lists). */
  async many(manager: EntityManager, count: number): Promise<string[]> {
    const rows: { serial: string }[] = await manager.query(
      `SELECT nextval('document_serial') AS serial FROM generate_series(1, $1)`,
      [count],
    );
    return rows.map((r) => this.code(Number(r.serial)));
  }

  /** True when `code` (normalised) is one this installation could have issued. */
  genuine(code: string): boolean {
    if (code.length !== SERIAL_CHARS + MAC_CHARS || ![...code].every((c) => ALPHABET.includes(c)))
      return false;
    let scrambled = 0;
    for (const c of code.slice(0, SERIAL_CHARS)) scrambled = scrambled * 32 + ALPHABET.indexOf(c);
    const serial = this.unscramble(scrambled);
    if (serial < 1) return false;
    const expected = Buffer.from(this.mac(serial));
    return timingSafeEqual(expected, Buffer.from(code.slice(SERIAL_CHARS)));
  }
}
