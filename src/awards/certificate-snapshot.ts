import { ageOn } from './eligibility.js';
import type { AwardCategory, AwardRound } from './entities/award-round.entity.js';
import type { CertificateSnapshot } from './entities/award.entity.js';
import type { Nomination } from './entities/nomination.entity.js';

/** A minor's name is published only with the guardian's consent, and the child's from 7 years old. */
export function publishable(
  n: Pick<Nomination, 'birthDate' | 'consentGuardian' | 'consentChild'>,
  on: string,
) {
  const age = ageOn(n.birthDate, on);
  if (age >= 18) return true;
  return n.consentGuardian && (age < 7 || n.consentChild);
}

/** The journal's description of an award's payment. */
export const paymentDescription = (
  category: Pick<AwardCategory, 'name'>,
  nomination: Pick<Nomination, 'fullName'>,
  round: Pick<AwardRound, 'decisionNumber'>,
) => `Chi ${category.name} — ${nomination.fullName} (QĐ ${round.decisionNumber})`;

/** Everything the certificate prints, fixed when the award is paid; one shape for single and bulk payments. */
export function certificateSnapshot(input: {
  unit: { id: string; code: string; name: string; address: string | null; parentName: string | null };
  round: AwardRound;
  category: AwardCategory;
  nomination: Nomination;
  chair: { userId: string; name: string } | undefined;
  amount: number;
  date: string;
  /** Its verification code (VerificationCodes). */
  code: string;
}): CertificateSnapshot {
  const { unit, round, category, nomination, chair } = input;
  return {
    unit: {
      id: unit.id,
      code: unit.code,
      name: unit.name,
      address: unit.address,
      parentName: unit.parentName,
    },
    code: input.code,
    recipient: {
      fullName: nomination.fullName,
      birthDate: nomination.birthDate,
      school: nomination.school,
      className: nomination.className,
      workplace: nomination.workplace,
      studyLevel: nomination.studyLevel,
      publishName: publishable(nomination, input.date),
    },
    category: { id: category.id, name: category.name, recipientType: category.recipientType },
    round: { id: round.id, title: round.title, period: round.period },
    amount: input.amount,
    decision: { number: round.decisionNumber!, date: round.decisionDate! },
    place: unit.name,
    date: input.date,
    chair: chair ? { id: chair.userId, name: chair.name } : null,
  };
}
