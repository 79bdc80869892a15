/**
 * A council's quorum and majority as the regulation sets them (council_rules, decision 0036). Pure, with no imports,
 * so the web portal shows the rules with the same type.
 */

/** The quorum and majority of the regulation, for every form (DEFAULT) or for the forms it names. */
export interface CouncilRule {
  code: string;
  /** The forms the rule is for; empty for the default rule. */
  formCodes: string[];
  /** Share of the council's members who must be present for its conclusions to stand. */
  quorumShare: number;
  /** Share of the members entitled to vote who must vote for. */
  majorityShare: number;
  /** True: more than the share (quá nửa); false: at least the share (từ 90% trở lên). */
  majorityStrict: boolean;
  /** A council of fewer members decides nothing: a single vote never decides. */
  minMembers: number;
  source: string;
  verified: boolean;
}
