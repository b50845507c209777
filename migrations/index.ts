// Every migration, in order. Written by `npm run migration:generate`; jest hands these classes
// to the data source (test/setup.ts), while the built service loads dist/migrations/<timestamp>-*.js.
import { Init1795628630970 } from './1795628630970-Init.js';
import { Identity1795633948033 } from './1795633948033-Identity.js';
import { Ledger1795635818197 } from './1795635818197-Ledger.js';
import { DonationImports1795636601744 } from './1795636601744-DonationImports.js';
import { AuditSealing1795637830941 } from './1795637830941-AuditSealing.js';
import { BalanceCheckByEntry1795640000000 } from './1795640000000-BalanceCheckByEntry.js';
import { Awards1795642164846 } from './1795642164846-Awards.js';
import { VerificationCodes1795700000000 } from './1795700000000-VerificationCodes.js';
import { BackgroundJobs1795700000001 } from './1795700000001-BackgroundJobs.js';
import { DocumentRevisions1795700000002 } from './1795700000002-DocumentRevisions.js';
import { ReportTotals1795700000003 } from './1795700000003-ReportTotals.js';
import { SubtreeTotals1795700000004 } from './1795700000004-SubtreeTotals.js';
import { FundDayTotals1795700000010 } from './1795700000010-FundDayTotals.js';
import { TotalsLocking1795700000011 } from './1795700000011-TotalsLocking.js';
import { DocumentFailures1795700000020 } from './1795700000020-DocumentFailures.js';
import { InKindFunds1795700000021 } from './1795700000021-InKindFunds.js';
import { InKindDayTotals1795700000022 } from './1795700000022-InKindDayTotals.js';
import { InKindDonationsIndex1795700000023 } from './1795700000023-InKindDonationsIndex.js';
import { PaperReceiptsAndReceiptForms1795700000025 } from './1795700000025-PaperReceiptsAndReceiptForms.js';
import { PopulationCitations1795700000030 } from './1795700000030-PopulationCitations.js';
import { WebSessions1795700000040 } from './1795700000040-WebSessions.js';

export const MIGRATIONS = [
  Init1795628630970,
  Identity1795633948033,
  Ledger1795635818197,
  DonationImports1795636601744,
  AuditSealing1795637830941,
  BalanceCheckByEntry1795640000000,
  Awards1795642164846,
  VerificationCodes1795700000000,
  BackgroundJobs1795700000001,
  DocumentRevisions1795700000002,
  ReportTotals1795700000003,
  SubtreeTotals1795700000004,
  FundDayTotals1795700000010,
  TotalsLocking1795700000011,
  DocumentFailures1795700000020,
  InKindFunds1795700000021,
  InKindDayTotals1795700000022,
  InKindDonationsIndex1795700000023,
  PaperReceiptsAndReceiptForms1795700000025,
  PopulationCitations1795700000030,
  WebSessions1795700000040,
];
