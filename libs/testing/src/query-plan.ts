import type pg from "pg";

/** One node of a PostgreSQL plan (EXPLAIN FORMAT JSON), with the fields plan tests read. */
export interface PlanNode {
  readonly "Node Type": string;
  readonly "Relation Name"?: string;
  readonly "Index Name"?: string;
  readonly Plans?: readonly PlanNode[];
}

/** The plan PostgreSQL chooses for a query (not run), every node of it, depth first. */
export async function queryPlan(
  sql: pg.ClientBase,
  text: string,
  values: readonly unknown[] = [],
): Promise<PlanNode[]> {
  const { rows } = await sql.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
    `EXPLAIN (FORMAT JSON) ${text}`,
    [...values],
  );
  const root = rows[0]?.["QUERY PLAN"][0]?.Plan;
  if (root === undefined) throw new Error(`no plan for: ${text}`);
  const nodes: PlanNode[] = [];
  const visit = (node: PlanNode) => {
    nodes.push(node);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(root);
  return nodes;
}

/** The indexes a plan reads. */
export const indexesUsed = (nodes: readonly PlanNode[]): Set<string> =>
  new Set(nodes.flatMap((node) => (node["Index Name"] === undefined ? [] : [node["Index Name"]])));

/** The tables a plan scans whole. */
export const sequentialScans = (nodes: readonly PlanNode[]): (string | undefined)[] =>
  nodes.filter((node) => node["Node Type"] === "Seq Scan").map((node) => node["Relation Name"]);

/** The tables (and partitions) a plan touches. */
export const relationsRead = (nodes: readonly PlanNode[]): Set<string> =>
  new Set(
    nodes.flatMap((node) => (node["Relation Name"] === undefined ? [] : [node["Relation Name"]])),
  );
