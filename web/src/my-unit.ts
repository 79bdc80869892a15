/** The signed-in officer's own unit: the dashboards and work screens start from it. */
export interface MyUnit {
  myUnit: { id: string; name: string; level: string; path: string } | null;
}
export const MY_UNIT = `query MyUnit { myUnit { id name level path } }`;
