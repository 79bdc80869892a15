/**
 * Money rules of rewards. Amounts are whole VND; multipliers and rates are decimals stored as data, so the
 * arithmetic here is done in integers (thousandths, basis points) to avoid 0.3 × 2,340,000 = 702,000.0000001.
 */

/** A dated setting of the statutory base salary (lương cơ sở), with the step amounts are rounded up to. */
export interface BaseSalarySetting {
  effectiveFrom: string;
  amountVnd: number;
  roundingStepVnd: number;
}

/** The base salary in force on `date` (ISO date): the latest setting that took effect on or before it. */
export function baseSalaryOn(settings: readonly BaseSalarySetting[], date: string): BaseSalarySetting | null {
  let inForce: BaseSalarySetting | null = null;
  for (const setting of settings) {
    if (setting.effectiveFrom <= date && (!inForce || setting.effectiveFrom > inForce.effectiveFrom)) inForce = setting;
  }
  return inForce;
}

/**
 * multiplier × base salary, rounded up to the setting's step ("làm tròn số lên hàng chục nghìn đồng": 10,000 VND).
 * The step is data because reward-rules.md's worked example (0.3 × 2,340,000 → 702,000) disagrees with that rule.
 */
export function rewardAmount(multiplier: number, base: Pick<BaseSalarySetting, 'amountVnd' | 'roundingStepVnd'>): number {
  const thousandths = Math.round(multiplier * 1000);
  const exact = thousandths * base.amountVnd; // VND × 1000
  const step = base.roundingStepVnd * 1000;
  return Math.ceil(exact / step) * base.roundingStepVnd;
}

/** Giá trị làm lợi: money saved or earned in the first 12 months of use, minus the cost of applying it. */
export interface BenefitCalculation {
  firstYearSavingsVnd: number;
  firstYearEarningsVnd: number;
  applicationCostVnd: number;
}

export function benefitValue(calculation: BenefitCalculation): number {
  return Math.max(0, calculation.firstYearSavingsVnd + calculation.firstYearEarningsVnd - calculation.applicationCostVnd);
}

/** Author's pay when nothing else is agreed: at least 7% of the first year's benefit (Decree 13/2012, art. 10). */
export const DEFAULT_INITIATIVE_RATE_BASIS_POINTS = 700;
export const DEFAULT_INITIATIVE_RATE_SOURCE = 'Nghị định 13/2012/NĐ-CP, Điều 10 (mức tối thiểu 7%)';

export interface InitiativeReward {
  rateBasisPoints: number;
  rateSource: string;
  rewardVnd: number;
}

/**
 * The author's reward: benefit value × the higher of the default rate and the collective agreement's rate,
 * rounded up to a whole VND.
 */
export function initiativeReward(benefitVnd: number, agreement: { rateBasisPoints: number; source: string } | null): InitiativeReward {
  const useAgreement = agreement !== null && agreement.rateBasisPoints > DEFAULT_INITIATIVE_RATE_BASIS_POINTS;
  const rateBasisPoints = useAgreement ? agreement.rateBasisPoints : DEFAULT_INITIATIVE_RATE_BASIS_POINTS;
  return {
    rateBasisPoints,
    rateSource: useAgreement ? agreement.source : DEFAULT_INITIATIVE_RATE_SOURCE,
    rewardVnd: Math.ceil((benefitVnd * rateBasisPoints) / 10_000),
  };
}
