import { BarChart } from './charts';
import { num, percent, vnd } from './format';

/** Reward fairness and timeliness of a subtree, as the provincial dashboard and the national portal show it. */
export interface Fairness {
  decisions: number;
  directWorkerShareOfRewards: number | null;
  directWorkerShareOfMembers: number | null;
  nonLeaderShareOfRewards: number | null;
  nonLeaderShareOfMembers: number | null;
  medianDaysToDecision: number | null;
  p90DaysToDecision: number | null;
  adHocDecisions: number;
  adHocWithinLimit: number;
  adHocWithinLimitShare: number | null;
  adHocMedianDays: number | null;
  adHocTimeLimit: { days: number; source: string; verified: boolean };
  spentVnd: number;
  plannedVnd: number;
}

export const FAIRNESS_FIELDS = `decisions directWorkerShareOfRewards directWorkerShareOfMembers nonLeaderShareOfRewards nonLeaderShareOfMembers
  medianDaysToDecision p90DaysToDecision adHocDecisions adHocWithinLimit adHocWithinLimitShare adHocMedianDays adHocTimeLimit { days source verified }
  spentVnd plannedVnd`;

export function FairnessFigures({ fairness, testId }: { fairness: Fairness; testId?: string }) {
  return (
    <>
      <BarChart
        testId={testId}
        title="Khen thưởng hướng về người lao động trực tiếp và người không giữ chức vụ"
        labels={['Lao động trực tiếp sản xuất', 'Không giữ chức vụ quản lý']}
        series={[
          { label: 'Tỷ lệ trong số được khen thưởng', values: [fairness.directWorkerShareOfRewards, fairness.nonLeaderShareOfRewards] },
          { label: 'Tỷ lệ trong số đoàn viên', values: [fairness.directWorkerShareOfMembers, fairness.nonLeaderShareOfMembers] },
        ]}
      />
      <div className="figures">
        <div className="figure"><strong>{num(fairness.decisions)}</strong>quyết định</div>
        <div className="figure"><strong>{num(fairness.medianDaysToDecision)}</strong>ngày (trung vị) đến quyết định</div>
        <div className="figure"><strong>{num(fairness.p90DaysToDecision)}</strong>ngày (90% quyết định)</div>
        <div className="figure"><strong>{num(fairness.adHocDecisions)}</strong>khen thưởng đột xuất</div>
        <div className="figure" data-testid="ad-hoc-timeliness" title={`Căn cứ: ${fairness.adHocTimeLimit.source}${fairness.adHocTimeLimit.verified ? '' : ' (chưa đối chiếu)'}`}>
          <strong>{percent(fairness.adHocWithinLimitShare)}</strong>đột xuất quyết định trong {fairness.adHocTimeLimit.days} ngày ({num(fairness.adHocWithinLimit)}/{num(fairness.adHocDecisions)}; trung vị {num(fairness.adHocMedianDays)} ngày)
        </div>
        <div className="figure"><strong>{vnd(fairness.spentVnd)}</strong>đã chi / kế hoạch {vnd(fairness.plannedVnd)}</div>
      </div>
    </>
  );
}
