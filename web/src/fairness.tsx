import { BarChart } from './charts';
import { num, vnd } from './format';

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
  spentVnd: number;
  plannedVnd: number;
}

export const FAIRNESS_FIELDS = `decisions directWorkerShareOfRewards directWorkerShareOfMembers nonLeaderShareOfRewards nonLeaderShareOfMembers
  medianDaysToDecision p90DaysToDecision adHocDecisions spentVnd plannedVnd`;

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
        <div className="figure"><strong>{vnd(fairness.spentVnd)}</strong>đã chi / kế hoạch {vnd(fairness.plannedVnd)}</div>
      </div>
    </>
  );
}
